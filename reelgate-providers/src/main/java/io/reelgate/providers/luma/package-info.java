/**
 * The {@code luma} protocol: Luma Dream Machine video generations, with unsigned callbacks that
 * count only once the generation is read back.
 */
package io.reelgate.providers.luma;
