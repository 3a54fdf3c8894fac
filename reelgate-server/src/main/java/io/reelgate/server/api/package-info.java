/**
 * The HTTP layer: one package per wire dialect ({@code apixo}, {@code pixazo}), what they share
 * ({@code common}: JSON body reading, event streams, webhook listings), the operator API ({@code
 * admin}), result files ({@code files}) and the address upstreams push to ({@code upstream}). It
 * translates requests into calls of the features and their answers back; it owns no tables and
 * never touches a repository. Dialects never see each other.
 */
package io.reelgate.server.api;
