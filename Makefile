# ModelDeploy: local harness and tests. See README.md.
SHELL := /bin/bash
MVN := ./mvnw -B -q
export KUBECONFIG := $(CURDIR)/.local-cluster/kubeconfig

.PHONY: demo test up down status build cluster-up cluster-down node-simulator-up

## demo: the operator end to end on the local control plane with simulated GPU nodes
demo: up
	hack/demo.sh

## test: every test (unit, and integration against the real local control plane)
test:
	hack/local-cluster.sh install
	./mvnw -B verify

build:
	$(MVN) install -DskipTests

## up: local cluster, node simulator (and operator, once it exists) in the background
up: build cluster-up node-simulator-up

cluster-up:
	hack/local-cluster.sh up

node-simulator-up:
	hack/background.sh start node-simulator hack/run-java.sh io.modeldeploy.sim.node.NodeSimulatorMain --config hack/node-simulator.yaml
	@for i in $$(seq 60); do grep -q "node simulator ready" .local-cluster/logs/node-simulator.log && exit 0; sleep 0.5; done; \
	  echo "node simulator did not become ready; read .local-cluster/logs/node-simulator.log"; exit 1

## down: stop everything `up` started
down:
	hack/background.sh stop node-simulator
	hack/local-cluster.sh down

status:
	hack/local-cluster.sh status
	hack/background.sh status node-simulator
