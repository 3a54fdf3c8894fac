/**
 * The {@code seedance} protocol: ByteDance's content-generation tasks (BytePlus ModelArk,
 * Volcengine Ark) for Seedance video models, with unsigned callbacks confirmed by reading the task.
 */
package io.reelgate.providers.seedance;
