/**
 * Benchmarks that are programs, not tests (run by the scripts in {@code bench/}; results in
 * docs/benchmarks.md): {@link io.kecs.bench.KubernetesBench} drives KECS with the Kubernetes
 * runtime against fabric8's mock API server.
 */
package io.kecs.bench;
