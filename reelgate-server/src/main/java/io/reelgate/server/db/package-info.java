/**
 * What differs between the databases Reelgate runs on. {@link io.reelgate.server.db.Database} is
 * chosen once from the connection's product name; every other package asks it instead of testing
 * the product itself.
 */
package io.reelgate.server.db;
