/** Settings records of the whole gateway and the extra YAML file named by REELGATE_CONFIG. */
package io.reelgate.server.config;
