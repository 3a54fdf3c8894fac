/** The API reference page; the OpenAPI document itself is a static resource. */
package io.reelgate.server.api.reference;
