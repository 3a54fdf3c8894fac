/**
 * The APIXO task API: {@link io.reelgate.client.apixo.ApixoService} with its parameters and
 * answers.
 */
package io.reelgate.client.apixo;
