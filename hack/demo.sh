#!/usr/bin/env bash
# The operator end to end on the local cluster that `make up` started: applies samples/quickstart-vllm.yaml,
# waits for Ready, shows the ModelDeployment and sends one chat completion with its API key.
# The GPU nodes and the vLLM engine answering here are SIMULATED (see README, "What is simulated").
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export KUBECONFIG=${KUBECONFIG:-$ROOT/.local-cluster/kubeconfig}
NS=${DEMO_NAMESPACE:-modeldeploy-demo}
NAME=qwen-chat
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "kubectl apply -n $NS -f samples/quickstart-vllm.yaml"
kubectl get namespace "$NS" >/dev/null 2>&1 || kubectl create namespace "$NS"
kubectl apply -n "$NS" -f samples/quickstart-vllm.yaml

say "waiting for md/$NAME to be Ready (the real scheduler places it on a simulated H100 node)"
if ! kubectl wait -n "$NS" --for=condition=Ready "md/$NAME" --timeout=180s; then
  kubectl describe -n "$NS" "md/$NAME" || true
  echo "md/$NAME did not become Ready; operator log: .local-cluster/logs/operator.log" >&2
  exit 1
fi

say "kubectl get md -n $NS -o wide"
kubectl get md -n "$NS" -o wide

# No kube-proxy runs here, so the Service URL in status does not route on this machine; the demo calls
# the instance at its pod IP, where the simulated engine listens.
pod=$(kubectl get md -n "$NS" "$NAME" -o jsonpath='{.status.instances[0].instanceId}')
ip=$(kubectl get pod -n "$NS" "$pod" -o jsonpath='{.status.podIP}')
port=$(kubectl get pod -n "$NS" "$pod" -o jsonpath='{.spec.containers[0].ports[0].containerPort}')
secret=$(kubectl get md -n "$NS" "$NAME" -o jsonpath='{.status.apiKeySecret}')
key=$(kubectl get secret -n "$NS" "$secret" -o jsonpath='{.data.apiKey}' | base64 -d)
served=$(kubectl get md -n "$NS" "$NAME" -o jsonpath='{.status.servedNames[0]}')

say "POST http://$ip:$port/v1/chat/completions (model $served, key from Secret $secret)"
answer=$(curl -sS --fail-with-body -H "Authorization: Bearer $key" -H "Content-Type: application/json" \
  "http://$ip:$port/v1/chat/completions" \
  -d "{\"model\":\"$served\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to the platform team.\"}]}")
echo "$answer"
content=$(grep -o '"content" *: *"[^"]*"' <<<"$answer" | head -n1 | sed 's/.*: *"\(.*\)"/\1/')
say "answer: ${content:-<no content field>}"
echo
echo "Everything keeps running: kubectl get md -A (KUBECONFIG=$KUBECONFIG). Stop it all with: make down"
