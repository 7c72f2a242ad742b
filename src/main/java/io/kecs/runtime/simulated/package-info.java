/**
 * The simulated runtime: no containers, tasks walk the runtime phases on the {@link
 * io.kecs.clock.Scheduler}. Containers run until stopped unless their environment asks otherwise
 * ({@link SimulatedBehaviour}), so exits, pull failures and unhealthy containers can be tested.
 */
package io.kecs.runtime.simulated;
