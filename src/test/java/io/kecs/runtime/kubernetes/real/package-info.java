/**
 * The Kubernetes runtime end to end on a real control plane ({@code scripts/k8s-testenv.sh}: etcd,
 * kube-apiserver, kube-controller-manager, kube-scheduler built from their Go modules, and kwok's
 * simulated nodes and kubelets), where the fabric8 mock of the sibling tests cannot show
 * validation, defaulting, the Deployment and ReplicaSet controllers, the scheduler or the garbage
 * collector. {@link io.kecs.runtime.kubernetes.real.ControlPlane} starts the control plane once per
 * test run (skipped where it cannot be built, except in CI), {@link
 * io.kecs.runtime.kubernetes.real.RealKecs} runs KECS in-process on it.
 */
package io.kecs.runtime.kubernetes.real;
