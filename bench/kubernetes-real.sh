#!/usr/bin/env bash
# KECS Kubernetes runtime benchmark on the real control plane (scripts/k8s-testenv.sh: real API
# server, scheduler and controllers, kwok's simulated kubelets): KECS (the packaged jar, its own
# process) with --runtime kubernetes, io.kecs.bench.RealKubernetesBench (test sources) driving it.
#   bench/kubernetes-real.sh [latency-runs] [service-tasks]
# Prints RESULT lines; docs/benchmarks.md records a run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/jdk.sh"
kecs_find_jdk
cd "$root"
kubeconfig=$(scripts/k8s-testenv.sh up | tail -n 1)
./mvnw -q -B -DskipTests -Dspotless.check.skip=true package
cp_file=target/bench-classpath.txt
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx1g -Dkecs.jar=target/kecs.jar \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  io.kecs.bench.RealKubernetesBench "$kubeconfig" "${1:-100}" "${2:-1000}"
