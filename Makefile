# ModelDeploy: local harness and tests. See README.md.
SHELL := /bin/bash
MVN := ./mvnw -B -q
export KUBECONFIG := $(CURDIR)/.local-cluster/kubeconfig
# The operator of `make up` answers health and metrics here (the test cluster's operators pick free ports).
OPERATOR_MANAGEMENT_PORT ?= 19090
OPERATOR_HTTP_PORT ?= 18080
# The gateway of `make up`: clients on 127.0.0.1:$(GATEWAY_PORT)/v1, health and metrics on $(GATEWAY_MANAGEMENT_PORT).
GATEWAY_PORT ?= 18000
GATEWAY_MANAGEMENT_PORT ?= 19091
# Where the operator publishes keys and the gateway reads them (as the chart's release namespace).
GATEWAY_NAMESPACE ?= modeldeploy-system
# Development setting: managed targets may point at the local vendor simulators (hack/vendor-sim.sh) on
# 127.0.0.1, any port. No installation allows http:// or loopback endpoints by default (README "Security model").
LOCAL_ALLOWED_ENDPOINTS ?= http://127.0.0.1:*
# The chart's JVM options (helm-chart/values.yaml jvmOptions), with the chart's memory limit standing in for the
# container's: outside a container the JVM would size its heap from the whole machine.
OPERATOR_JVM_OPTIONS ?= -XX:MaxRAM=768m $(shell sed -n 's/^jvmOptions: *"\(.*\)"/\1/p' helm-chart/values.yaml)
OPERATOR_MALLOC_ARENA_MAX ?= $(shell sed -n 's/^mallocArenaMax: *"\(.*\)"/\1/p' helm-chart/values.yaml)
LOCAL_VENDOR_ENV := $(foreach v,ALAYANEW ZSTACK QIANFAN DRUN,'MODELDEPLOY_VENDORS_$(v)_ALLOWED_ENDPOINTS=$(LOCAL_ALLOWED_ENDPOINTS)')

.PHONY: bench bench-gateway chaos demo test up down status build cluster-up node-simulator-up operator-up gateway-up crds

## demo: the operator end to end on the local control plane with simulated GPU nodes
demo: up
	GATEWAY_URL=http://127.0.0.1:$(GATEWAY_PORT)/v1 hack/demo.sh

## test: every test (unit, and integration against the real local control plane)
test:
	hack/local-cluster.sh install
	@mkdir -p target && touch target/.test-started
	./mvnw -B verify || { hack/test-failures.sh target/.test-started; exit 1; }

## bench: the operator at scale against a plain client, one table (README "Scale"); BENCH_N=1000 by default
bench:
	hack/bench.sh

## chaos: the fault suite (operator kill -9, vendor storms), one table (README "Faults"); about 20 min
chaos:
	hack/chaos.sh

## bench-gateway: direct vs gateway req/s and p50/p99 at 64 and 256 clients, streamed TTFB, gateway RSS, and the
## cold start from zero split by actor, with requests lost (printed)
bench-gateway:
	hack/local-cluster.sh install
	./mvnw -B -q verify -pl api,operator,gateway,simulators,e2e-tests -am -Dtest=none \
	  -Dit.test='GatewayBench,ColdStartBench' -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
	@sed -n '/=== gateway bench/,/gateway RSS/p' e2e-tests/target/failsafe-reports/io.modeldeploy.e2e.bench.GatewayBench-output.txt
	@sed -n '/=== cold start/,/requests answered/p' e2e-tests/target/failsafe-reports/io.modeldeploy.e2e.bench.ColdStartBench-output.txt

build:
	$(MVN) install -DskipTests

## crds: regenerate crds/ and helm-chart/crds/ from the Java API
crds:
	hack/sync-crds.sh

## up: local cluster, simulated GPU nodes, the operator and the gateway, all in the background
up: build cluster-up node-simulator-up operator-up gateway-up

cluster-up:
	hack/local-cluster.sh up

node-simulator-up:
	hack/background.sh start node-simulator hack/run-java.sh io.modeldeploy.sim.node.NodeSimulatorMain --config hack/node-simulator.yaml
	hack/background.sh await node-simulator "node simulator ready" 60

operator-up:
	kubectl apply --server-side --force-conflicts -f crds/
	kubectl get namespace $(GATEWAY_NAMESPACE) >/dev/null 2>&1 || kubectl create namespace $(GATEWAY_NAMESPACE)
	hack/background.sh start operator env QUARKUS_HTTP_PORT=$(OPERATOR_HTTP_PORT) \
	  QUARKUS_MANAGEMENT_PORT=$(OPERATOR_MANAGEMENT_PORT) MODELDEPLOY_GATEWAY_NAMESPACE=$(GATEWAY_NAMESPACE) \
	  $(if $(OPERATOR_MALLOC_ARENA_MAX),MALLOC_ARENA_MAX=$(OPERATOR_MALLOC_ARENA_MAX)) \
	  $(LOCAL_VENDOR_ENV) java $(OPERATOR_JVM_OPTIONS) -jar operator/target/quarkus-app/quarkus-run.jar
	@for i in $$(seq 120); do curl -sf localhost:$(OPERATOR_MANAGEMENT_PORT)/q/health/ready >/dev/null && \
	  echo "operator: ready (health and metrics on localhost:$(OPERATOR_MANAGEMENT_PORT)/q/)" && exit 0; sleep 0.5; done; \
	  echo "operator did not become ready; read .local-cluster/logs/operator.log"; exit 1

gateway-up:
	hack/background.sh start gateway env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$(GATEWAY_PORT) \
	  QUARKUS_MANAGEMENT_PORT=$(GATEWAY_MANAGEMENT_PORT) MODELDEPLOY_GATEWAY_NAMESPACE=$(GATEWAY_NAMESPACE) \
	  java -jar gateway/target/quarkus-app/quarkus-run.jar
	@for i in $$(seq 120); do curl -sf localhost:$(GATEWAY_MANAGEMENT_PORT)/q/health/ready >/dev/null && \
	  echo "gateway: ready on http://127.0.0.1:$(GATEWAY_PORT)/v1 (health and metrics on localhost:$(GATEWAY_MANAGEMENT_PORT)/q/)" && exit 0; \
	  sleep 0.5; done; echo "gateway did not become ready; read .local-cluster/logs/gateway.log"; exit 1

## down: stop everything `up` started
down:
	hack/background.sh stop gateway
	hack/background.sh stop operator
	hack/background.sh stop node-simulator
	hack/local-cluster.sh down

status:
	hack/local-cluster.sh status
	hack/background.sh status node-simulator
	hack/background.sh status operator
	hack/background.sh status gateway
