#!/usr/bin/env bash
# ECS -> Cloud Map benchmark: time from a service task reaching RUNNING to its name resolving on
# KECS's DNS server (io.kecs.bench.RegistrationBench, KECS in-process, loopback only).
#   bench/registration.sh [rounds] [tasks-per-round]
# Prints a RESULT line; docs/benchmarks.md records a run.
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
  io.kecs.bench.RegistrationBench "${1:-10}" "${2:-5}"
