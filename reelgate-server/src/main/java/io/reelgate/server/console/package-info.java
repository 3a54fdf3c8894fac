/**
 * The web console at {@code /console/}: static ES modules and CSS under {@code
 * classpath:/static/console/}, served by Reelgate itself with a strict content security policy. The
 * pages talk only to the public APIs ({@code /api/v1}) and the admin API ({@code /admin/v1});
 * nothing here reads data. See ADR 0011.
 */
package io.reelgate.server.console;
