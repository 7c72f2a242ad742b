#!/usr/bin/env bash
# KECS Kubernetes runtime benchmark: KECS (the packaged jar, its own process) with --runtime
# kubernetes against fabric8's mock API server in CRUD mode (io.kecs.bench.KubernetesBench, in the
# test sources), the benchmark playing the kubelet. No real Kubernetes: the mock's own speed is
# part of every figure.
#   bench/kubernetes.sh [latency-runs] [pods-at-once] [pods-in-cache]
# Prints RESULT lines; docs/benchmarks.md records a run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/jdk.sh"
kecs_find_jdk
cd "$root"
./mvnw -q -B -DskipTests -Dspotless.check.skip=true package
cp_file=target/bench-classpath.txt
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx2g -Dkecs.jar=target/kecs.jar \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  io.kecs.bench.KubernetesBench "${1:-200}" "${2:-1000}" "${3:-10000}"
