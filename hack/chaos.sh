#!/usr/bin/env bash
# make chaos: builds the operator and the test harness (package only, nothing installed into ~/.m2), then runs
# io.modeldeploy.e2e.chaos.ChaosMain against its own local control plane (test slot CHAOS_SLOT, default 0: the
# directory and ports of `make test`'s cluster), and stops that control plane afterwards unless it was running before.
# CHAOS_SEED, CHAOS_ROUNDS, CHAOS_STEPS_PER_ROUND, CHAOS_STORM_STEPS, CHAOS_STORM_SECONDS, CHAOS_OUTAGE_SECONDS:
# see ChaosMain (README "Faults").
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SLOT=${CHAOS_SLOT:-0}
export LOCAL_CLUSTER_DIR=$ROOT/.local-cluster-test
export LOCAL_CLUSTER_APISERVER_PORT=$((16543 + 100 * SLOT))
export LOCAL_CLUSTER_ETCD_PORT=$((12479 + 100 * SLOT))
export LOCAL_CLUSTER_ETCD_PEER_PORT=$((12480 + 100 * SLOT))

hack/local-cluster.sh install
./mvnw -B -q package -pl operator,e2e-tests -am -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/chaos.classpath -Dmdep.includeScope=test

was_running=false
if hack/local-cluster.sh status 2>/dev/null | grep -q "kube-apiserver: running"; then
  was_running=true
fi
stop_cluster() {
  if [ "$was_running" = false ]; then
    hack/local-cluster.sh down >/dev/null 2>&1 || true
  fi
}
trap stop_cluster EXIT

CP="e2e-tests/target/test-classes:e2e-tests/target/classes:$(cat e2e-tests/target/chaos.classpath)"
# The full run takes about 20 minutes on a 2-CPU machine: the timeout is the last resort.
timeout "${CHAOS_TIMEOUT:-30m}" java -Xmx1g -cp "$CP" -Dmodeldeploy.root="$ROOT" -Dmodeldeploy.test.slot="$SLOT" \
  -Dsun.net.httpserver.nodelay=true io.modeldeploy.e2e.chaos.ChaosMain
