/** The public model catalog from configuration, and model aliases. */
package io.reelgate.server.catalog;
