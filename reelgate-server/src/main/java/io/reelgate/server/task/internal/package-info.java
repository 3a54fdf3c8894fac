/** The task core's rows and the transactions that create and finish tasks. */
package io.reelgate.server.task.internal;
