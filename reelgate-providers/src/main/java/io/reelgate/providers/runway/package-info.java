/** The {@code runway} protocol: Runway's API tasks (text_to_video, image_to_video), polled. */
package io.reelgate.providers.runway;
