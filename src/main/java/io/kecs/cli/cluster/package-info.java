/**
 * Local Kubernetes for KECS: the {@code kecs cluster} commands and {@code kecs start --k3d} drive
 * the {@code k3d} and {@code docker} executables on the PATH to create or reuse a k3d cluster,
 * write its kubeconfig into the KECS home, and give the cluster a stable DNS name for the ECS
 * endpoint on the host.
 */
package io.kecs.cli.cluster;
