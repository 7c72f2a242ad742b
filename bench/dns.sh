#!/usr/bin/env bash
# Cloud Map benchmark: DNS A queries/s and latency for a service with 100 instances, and
# DiscoverInstances req/s (io.kecs.bench.DnsBench, KECS in-process, loopback only).
#   bench/dns.sh [clients] [seconds]
# Prints RESULT lines; docs/benchmarks.md records a run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/jdk.sh"
kecs_find_jdk
cd "$root"
./mvnw -q -B -DskipTests -Dspotless.check.skip=true test-compile
cp_file=target/bench-classpath.txt
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  io.kecs.bench.DnsBench "${1:-4}" "${2:-10}"
