/** The {@code reelgate} command line, built on the Java client. */
package io.reelgate.cli;
