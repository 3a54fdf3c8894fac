package io.reelgate.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSenderTest {

  @Test
  void theCapIsKeyedBySchemeHostAndPort() {
    assertThat(WebhookSender.endpointOf("http://127.0.0.1:8081/a"))
        .isEqualTo(WebhookSender.endpointOf("http://127.0.0.1:8081/b?x=1"))
        .isNotEqualTo(WebhookSender.endpointOf("http://127.0.0.1:8082/a"))
        .isNotEqualTo(WebhookSender.endpointOf("https://127.0.0.1:8081/a"));
    assertThat(WebhookSender.endpointOf("http://Hooks.Example.com/x"))
        .isEqualTo(WebhookSender.endpointOf("http://hooks.example.com:80/y"))
        .isNotEqualTo(WebhookSender.endpointOf("https://hooks.example.com/x"));
    assertThat(WebhookSender.endpointOf("https://hooks.example.com/x"))
        .isEqualTo(WebhookSender.endpointOf("https://hooks.example.com:443/x"));
  }
}
