/** The stages, the step runner, the failure policy, the job tracker and the scratch space. */
package io.reelgate.server.engine.internal;
