/**
 * The Kubernetes runtime: each ECS task runs as one pod in a namespace per ECS cluster. {@link
 * io.kecs.runtime.kubernetes.PodTranslator} turns a task and its definition into the pod (pure,
 * golden-tested); {@code PodPreparation} makes what the pod refers to first (the task role's
 * ServiceAccount, a Secret with the task's secrets and environment file variables ({@code
 * TaskSecrets}, {@code EnvironmentFiles}), dockerconfigjson Secrets for its registry credentials
 * ({@code RegistryCredentials}), the node of its container instance) and hands them to the
 * translator as {@code PodInputs}; {@code PodWatch} (one shared informer on every pod labelled
 * {@code app.kubernetes.io/managed-by=kecs}) and {@code PodStatusMapper} turn what pods do into
 * runtime-neutral observations; {@link io.kecs.runtime.kubernetes.KubernetesRuntime} creates and
 * deletes pods and adopts them after a restart. {@code ClusterResources} keeps the namespaces
 * following clusters, reports nodes as hosts ({@code NodeWatch}, {@code NodeMapper}), cordons
 * draining ones, and cleans up on a store reset. Services and daemons run as workloads: {@code
 * Workloads} applies a Deployment / DaemonSet (and Service) made by {@code WorkloadTranslator} and
 * puts back what others change, {@code WorkloadWatch} reads Deployments, DaemonSets and
 * ReplicaSets, {@code WorkloadPods} decides which of their pods become tasks ({@code PodIdentity}:
 * task id = pod UID), {@code ServicePlacement} and {@code MemberOfTranslator} turn placement
 * constraints and strategies into affinities and topology spread, and {@code EventWatch} turns
 * scheduling warnings into service events. ECS states, stop codes and reasons are decided by the
 * domain, never here. The field-by-field mapping is in docs/kubernetes-mapping.md.
 */
package io.kecs.runtime.kubernetes;
