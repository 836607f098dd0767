#!/usr/bin/env bash
# Runs one main class of the e2e harness (make bench, make chaos) against its own local control plane: builds the
# operator and the test harness (package only, nothing installed into ~/.m2), runs the class on the test classpath
# against test slot SLOT (0: the directory and ports of `make test`'s cluster), and stops that control plane afterwards
# unless it was running before.
# Usage: hack/harness-main.sh SLOT TIMEOUT MAIN_CLASS   (TIMEOUT: the last resort behind the class's own bounds)
set -euo pipefail
SLOT=$1
TIMEOUT=$2
MAIN=$3
cd "$(dirname "$0")/.."
ROOT=$PWD
export LOCAL_CLUSTER_DIR=$ROOT/.local-cluster-test
export LOCAL_CLUSTER_APISERVER_PORT=$((16543 + 100 * SLOT))
export LOCAL_CLUSTER_ETCD_PORT=$((12479 + 100 * SLOT))
export LOCAL_CLUSTER_ETCD_PEER_PORT=$((12480 + 100 * SLOT))

hack/local-cluster.sh install
./mvnw -B -q package -pl operator,e2e-tests -am -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/harness.classpath -Dmdep.includeScope=test

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

CP="e2e-tests/target/test-classes:e2e-tests/target/classes:$(cat e2e-tests/target/harness.classpath)"
# The simulators' JDK HTTP servers answer without Nagle's delay, as in the integration tests (e2e-tests/pom.xml).
timeout "$TIMEOUT" java -Xmx1g -cp "$CP" -Dmodeldeploy.root="$ROOT" -Dmodeldeploy.test.slot="$SLOT" \
  -Dsun.net.httpserver.nodelay=true "$MAIN"
