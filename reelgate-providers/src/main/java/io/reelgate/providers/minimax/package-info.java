/**
 * The {@code minimax} protocol: MiniMax Hailuo video tasks (create, query, then the file's download
 * URL), with the callback's challenge handshake and unsigned updates confirmed by reading the task.
 */
package io.reelgate.providers.minimax;
