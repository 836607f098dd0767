#!/usr/bin/env bash
# Runs a main class of the e2e-tests module (the simulators) with its runtime classpath.
# Build first: ./mvnw -q -pl e2e-tests -am package -DskipTests
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CP_FILE=$ROOT/e2e-tests/target/runtime-classpath.txt
[ -f "$CP_FILE" ] || { echo "e2e-tests is not built: run ./mvnw -q -pl e2e-tests -am package -DskipTests" >&2; exit 1; }
main=${1:?main class required}
shift
exec java -Xmx512m -cp "$ROOT/e2e-tests/target/classes:$(cat "$CP_FILE")" "$main" "$@"
