/**
 * The Pixazo Sora-video API: {@link io.reelgate.client.pixazo.PixazoService} with its parameters
 * and answers.
 */
package io.reelgate.client.pixazo;
