/**
 * The {@code wan} protocol: Alibaba Model Studio (DashScope) video synthesis for the Wan models,
 * created asynchronously ({@code X-DashScope-Async: enable}) and polled.
 */
package io.reelgate.providers.wan;
