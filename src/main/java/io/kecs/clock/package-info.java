/**
 * Time for the domain and the simulated runtime: the current instant and delayed work, real or
 * driven by hand in tests, so lifecycle rules are tested on a controllable clock.
 */
package io.kecs.clock;
