#!/usr/bin/env bash
# Copies the CRD generated from the Java API (operator/target/kubernetes) into crds/ and the chart.
# The operator's CrdUpToDateIT fails the build when the committed copies are stale.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
./mvnw -B -q -pl api,operator package -DskipTests
for f in operator/target/kubernetes/*.modeldeploy.io-v1.yml; do
  cp "$f" crds/
  cp "$f" helm-chart/crds/
  echo "updated crds/$(basename "$f") and helm-chart/crds/$(basename "$f")"
done
