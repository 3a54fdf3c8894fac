package io.reelgate.server.cluster;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code reelgate.nodes.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NodeSettings.class)
class ClusterConfiguration {}
