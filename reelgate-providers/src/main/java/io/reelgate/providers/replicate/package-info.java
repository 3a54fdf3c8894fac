/** The {@code replicate} protocol: Replicate predictions, with a signed webhook per prediction. */
package io.reelgate.providers.replicate;
