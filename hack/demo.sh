#!/usr/bin/env bash
# The operator end to end on the local cluster that `make up` started: applies samples/quickstart-vllm.yaml
# (one pod) and samples/multinode-vllm.yaml (a group of two pods on two nodes), waits for Ready, shows the
# ModelDeployments and sends each one chat completion with its API key, through the gateway `make up` runs
# (GATEWAY_URL, default http://127.0.0.1:18000/v1).
# The GPU nodes and the vLLM engine answering here are SIMULATED (see README, "What is simulated").
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export KUBECONFIG=${KUBECONFIG:-$ROOT/.local-cluster/kubeconfig}
NS=${DEMO_NAMESPACE:-modeldeploy-demo}
GATEWAY_URL=${GATEWAY_URL:-http://127.0.0.1:18000/v1}
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

kubectl get namespace "$NS" >/dev/null 2>&1 || kubectl create namespace "$NS"

# Applies a sample, waits until it is Ready, and chats with its (leader) instance.
serve() {
  local sample=$1 name=$2 where=$3
  say "kubectl apply -n $NS -f samples/$sample"
  kubectl apply -n "$NS" -f "samples/$sample"

  say "waiting for md/$name to be Ready ($where)"
  if ! kubectl wait -n "$NS" --for=condition=Ready "md/$name" --timeout=180s; then
    kubectl describe -n "$NS" "md/$name" || true
    echo "md/$name did not become Ready; operator log: .local-cluster/logs/operator.log" >&2
    exit 1
  fi

  # Through the gateway, which finds the instance (a multi-node group's leader) from the pods the operator labels;
  # no kube-proxy runs here, so the Service URL in status would not route on this machine.
  local secret key served answer content
  secret=$(kubectl get md -n "$NS" "$name" -o jsonpath='{.status.apiKeySecret}')
  key=$(kubectl get secret -n "$NS" "$secret" -o jsonpath='{.data.apiKey}' | base64 -d)
  served=$(kubectl get md -n "$NS" "$name" -o jsonpath='{.status.servedNames[0]}')

  say "POST $GATEWAY_URL/chat/completions (model $served, key from Secret $secret)"
  # The gateway sees a deployment once the operator published its key: a few tries at most.
  for _ in $(seq 20); do
    answer=$(curl -sS -H "Authorization: Bearer $key" -H "Content-Type: application/json" \
      "$GATEWAY_URL/chat/completions" \
      -d "{\"model\":\"$served\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to the platform team.\"}]}") \
      && grep -q '"choices"' <<<"$answer" && break
    sleep 0.5
  done
  echo "$answer"
  content=$(grep -o '"content" *: *"[^"]*"' <<<"$answer" | head -n1 | sed 's/.*: *"\(.*\)"/\1/')
  say "answer: ${content:-<no content field>}"
}

serve quickstart-vllm.yaml qwen-chat "the real scheduler places it on a simulated H100 node"
serve multinode-vllm.yaml llama-405b "a leader and a worker on two simulated H200 nodes; the leader serves once its worker joined"

say "kubectl get md -n $NS -o wide; kubectl get pods -n $NS -o wide"
kubectl get md -n "$NS" -o wide
kubectl get pods -n "$NS" -o wide
echo
echo "The gateway: $GATEWAY_URL (any OpenAI SDK: base_url=$GATEWAY_URL, api_key=<the deployment's key>)"
echo "Everything keeps running: kubectl get md -A (KUBECONFIG=$KUBECONFIG). Stop it all with: make down"
