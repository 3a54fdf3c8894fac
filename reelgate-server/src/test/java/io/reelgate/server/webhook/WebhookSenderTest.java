package io.reelgate.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSenderTest {

  @Test
  void theCapIsKeyedBySchemeHostAndPort() {
    assertThat(EndpointSlots.endpointOf("http://127.0.0.1:8081/a"))
        .isEqualTo(EndpointSlots.endpointOf("http://127.0.0.1:8081/b?x=1"))
        .isNotEqualTo(EndpointSlots.endpointOf("http://127.0.0.1:8082/a"))
        .isNotEqualTo(EndpointSlots.endpointOf("https://127.0.0.1:8081/a"));
    assertThat(EndpointSlots.endpointOf("http://Hooks.Example.com/x"))
        .isEqualTo(EndpointSlots.endpointOf("http://hooks.example.com:80/y"))
        .isNotEqualTo(EndpointSlots.endpointOf("https://hooks.example.com/x"));
    assertThat(EndpointSlots.endpointOf("https://hooks.example.com/x"))
        .isEqualTo(EndpointSlots.endpointOf("https://hooks.example.com:443/x"));
  }
}
