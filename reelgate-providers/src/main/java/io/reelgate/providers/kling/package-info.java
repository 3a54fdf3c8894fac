/**
 * The {@code kling} protocol: Kling AI's video tasks (text2video, image2video, multi-image2video)
 * with JWT tokens signed from the access and secret keys, and unsigned callbacks that are confirmed
 * by reading the task.
 */
package io.reelgate.providers.kling;
