#!/usr/bin/env bash
# Runs a main class of the simulators module (the SIMULATED node, engines and vendor platforms) with its runtime
# classpath, e.g. io.modeldeploy.sim.node.NodeSimulatorMain or io.modeldeploy.sim.platform.PlatformSimulatorMain.
# Build first: ./mvnw -q -pl simulators -am install -DskipTests
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CP_FILE=$ROOT/simulators/target/runtime-classpath.txt
[ -f "$CP_FILE" ] || { echo "simulators is not built: run ./mvnw -q -pl simulators -am install -DskipTests" >&2; exit 1; }
main=${1:?main class required}
shift
exec java -Xmx512m -cp "$ROOT/simulators/target/classes:$(cat "$CP_FILE")" "$main" "$@"
