package io.reelgate.server.routing;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code reelgate.channels}; {@link ChannelRouter} validates it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChannelProperties.class)
class RoutingConfiguration {}
