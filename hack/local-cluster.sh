#!/usr/bin/env bash
# A real Kubernetes control plane on loopback, built from Debian's packages (no Docker needed):
#   etcd (Debian etcd-server) + kube-apiserver, kube-controller-manager, kube-scheduler
#   (v1.20.2, built from Debian's `kubernetes` source package and cached).
# No kubelet runs: pods are played by the node simulator in simulators/.
#
# Usage: hack/local-cluster.sh up | down | status | install | stop-apiserver | start-apiserver
#
# Environment:
#   LOCAL_CLUSTER_DIR     state, logs and kubeconfig (default: <repo>/.local-cluster)
#   K8S_BIN_CACHE         where the built binaries are cached (default: ~/.cache/modeldeploy/kubernetes-1.20.2)
#   LOCAL_CLUSTER_APISERVER_PORT, LOCAL_CLUSTER_ETCD_PORT, LOCAL_CLUSTER_ETCD_PEER_PORT
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=${LOCAL_CLUSTER_DIR:-$ROOT/.local-cluster}
K8S_VERSION=1.20.2
CACHE=${K8S_BIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/modeldeploy/kubernetes-$K8S_VERSION}
API_PORT=${LOCAL_CLUSTER_APISERVER_PORT:-16443}
ETCD_PORT=${LOCAL_CLUSTER_ETCD_PORT:-12379}
ETCD_PEER_PORT=${LOCAL_CLUSTER_ETCD_PEER_PORT:-12380}
# The apiserver writes this address into the `kubernetes` Service endpoints; it must not be loopback,
# and nothing dials it (TEST-NET-1, RFC 5737).
ADVERTISE_ADDRESS=192.0.2.10
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler)

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

say() { echo "[local-cluster] $*" >&2; }

# Runs one named step; on failure names the step and the log to read, then exits.
step() {
  local name=$1 log=$2; shift 2
  mkdir -p "$(dirname "$log")"
  # A subshell outside any `if`, so that `set -e` holds inside the step's function.
  local rc
  set +e
  (set -e; "$@") >>"$log" 2>&1
  rc=$?
  set -e
  if [ $rc -ne 0 ]; then
    say "FAILED at step '$name' (exit $rc). Read: $log"
    tail -n 20 "$log" >&2 || true
    exit 1
  fi
}

# ---------------------------------------------------------------- install
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
}

enable_deb_src() {
  local list=/etc/apt/sources.list.d/modeldeploy-deb-src.sources
  [ -f "$list" ] && return 0
  $SUDO tee "$list" >/dev/null <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  $SUDO apt-get update -q
}

build_kubernetes() {
  local work
  work=$(mktemp -d "${TMPDIR:-/tmp}/k8s-build.XXXXXX")
  cd "$work"
  apt-get source --download-only kubernetes
  local orig
  orig=$(ls kubernetes_*.orig.tar.* | head -n 1)
  mkdir src && tar -xf "$orig" -C src --strip-components=1
  cd src
  # The vendored reflect2 v1.0.1 crashes under Go >= 1.18 ("fatal error: fault" in json-iterator);
  # Debian's v1.0.2 is a drop-in replacement.
  rm -rf vendor/github.com/modern-go/reflect2
  cp -r /usr/share/gocode/src/github.com/modern-go/reflect2 vendor/github.com/modern-go/reflect2
  # Debian's recipe: GOPATH mode (module mode fails on go.mod/vendor mismatch under Go 1.19).
  mkdir -p .go/src/k8s.io
  ln -s "$PWD" .go/src/k8s.io/kubernetes
  cd .go/src/k8s.io/kubernetes
  GOPATH="$PWD/../../.." GO111MODULE=off GOFLAGS=-mod=vendor CGO_ENABLED=0 \
    make WHAT="cmd/kube-apiserver cmd/kube-controller-manager cmd/kube-scheduler"
  mkdir -p "$CACHE/bin.tmp"
  cp _output/bin/kube-apiserver _output/bin/kube-controller-manager _output/bin/kube-scheduler "$CACHE/bin.tmp/"
  rm -rf "$CACHE/bin" && mv "$CACHE/bin.tmp" "$CACHE/bin"
  cd / && rm -rf "$work"
}

install() {
  local log=$CACHE/install.log
  mkdir -p "$CACHE"
  step "install etcd, openssl and curl from Debian" "$log" apt_install etcd-server openssl curl ca-certificates
  # Debian's etcd-server package starts a system etcd on :2379; we run our own on other ports.
  if ! command -v kubectl >/dev/null 2>&1; then
    # The tests, make demo and users drive the cluster with kubectl; Debian's matches the server's version.
    step "install kubectl (kubernetes-client) from Debian" "$log" apt_install kubernetes-client
  fi
  if ! command -v python3 >/dev/null 2>&1; then
    # Unit tests run the operator's shipped Python scripts (the adapter-sync sidecar, the SGLang launcher) and
    # fail without python3 rather than skip.
    step "install python3 from Debian" "$log" apt_install python3
  fi
  if [ -x "$CACHE/bin/kube-apiserver" ] && [ -x "$CACHE/bin/kube-controller-manager" ] && [ -x "$CACHE/bin/kube-scheduler" ]; then
    return 0
  fi
  say "building kube-apiserver, kube-controller-manager, kube-scheduler $K8S_VERSION from Debian's source (first run only, several minutes; log: $log)"
  step "enable Debian source packages" "$log" enable_deb_src
  step "install build dependencies (golang-go, rsync, jq, reflect2 v1.0.2)" "$log" \
    apt_install golang-go rsync jq dpkg-dev golang-github-modern-go-reflect2-dev
  step "build Kubernetes binaries from Debian's kubernetes source package" "$log" build_kubernetes
  say "binaries cached in $CACHE/bin"
}

# ---------------------------------------------------------------- processes
pidfile() { echo "$STATE/pids/$1.pid"; }

# True when the pid in the pid file is alive and is the binary we started (guards against pid reuse).
running() {
  local f pid
  f=$(pidfile "$1")
  [ -f "$f" ] || return 1
  pid=$(cat "$f")
  [ -d "/proc/$pid" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$1"
}

start_bg() {
  local name=$1; shift
  setsid nohup "$@" >"$STATE/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$(pidfile "$name")"
}

api() { curl -sf --cacert "$STATE/pki/ca.crt" -H "Authorization: Bearer $(cat "$STATE/pki/admin.token")" "https://127.0.0.1:$API_PORT$1"; }

wait_for() {
  local what=$1 log=$2 seconds=$3; shift 3
  local i
  for ((i = 0; i < seconds * 5; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  say "FAILED waiting for $what after ${seconds}s. Read: $log"
  tail -n 20 "$log" >&2 || true
  exit 1
}

make_pki() {
  local pki=$STATE/pki
  mkdir -p "$pki"
  openssl genrsa -out "$pki/ca.key" 2048
  openssl req -x509 -new -key "$pki/ca.key" -days 3650 -subj "/CN=modeldeploy-local-ca" -out "$pki/ca.crt"
  openssl genrsa -out "$pki/apiserver.key" 2048
  openssl req -new -key "$pki/apiserver.key" -subj "/CN=kube-apiserver" -out "$pki/apiserver.csr"
  printf 'subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n' >"$pki/apiserver.ext"
  openssl x509 -req -in "$pki/apiserver.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 3650 -extfile "$pki/apiserver.ext" -out "$pki/apiserver.crt"
  openssl genrsa -out "$pki/sa.key" 2048
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub"
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$pki/admin.token"
  printf '%s,admin,admin,system:masters\n' "$(cat "$pki/admin.token")" >"$pki/tokens.csv"
  chmod 600 "$pki"/*.key "$pki/admin.token" "$pki/tokens.csv"
}

write_kubeconfig() {
  local ca token
  ca=$(base64 -w0 <"$STATE/pki/ca.crt")
  token=$(cat "$STATE/pki/admin.token")
  umask 077
  cat >"$STATE/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority-data: $ca
users:
- name: admin
  user:
    token: $token
contexts:
- name: local
  context: {cluster: local, user: admin, namespace: default}
current-context: local
EOF
}

start_apiserver() {
  local bin=$CACHE/bin
  start_bg kube-apiserver "$bin/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --bind-address 127.0.0.1 --secure-port "$API_PORT" --advertise-address "$ADVERTISE_ADDRESS" \
    --insecure-port 0 \
    --tls-cert-file "$STATE/pki/apiserver.crt" --tls-private-key-file "$STATE/pki/apiserver.key" \
    --client-ca-file "$STATE/pki/ca.crt" \
    --token-auth-file "$STATE/pki/tokens.csv" --authorization-mode Node,RBAC \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$STATE/pki/sa.pub" \
    --service-account-signing-key-file "$STATE/pki/sa.key" \
    --service-cluster-ip-range 10.96.0.0/12 \
    --cert-dir "$STATE/pki/apiserver-certs"
  wait_for "kube-apiserver /readyz" "$STATE/logs/kube-apiserver.log" 60 api /readyz
}

# Fault tests stop and start the API server alone (etcd and the controllers keep running), as a control-plane
# upgrade or crash does: everything talking to it must reconnect by itself.
stop_apiserver() {
  local f pid
  f=$(pidfile kube-apiserver)
  running kube-apiserver || { say "kube-apiserver is not running"; return 1; }
  pid=$(cat "$f")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 100); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
  [ -d "/proc/$pid" ] && kill -9 "$pid" 2>/dev/null || true
  say "stopped kube-apiserver ($pid)"
}

all_running() {
  local c
  for c in "${COMPONENTS[@]}"; do running "$c" || return 1; done
  api /readyz >/dev/null 2>&1
}

up() {
  if [ -d "$STATE/pids" ] && all_running; then
    say "already up (kubeconfig: $STATE/kubeconfig)"
    return 0
  fi
  # A half-started or crashed cluster leaves state behind: clear it, then start fresh.
  [ -d "$STATE/pids" ] && down
  install
  local bin=$CACHE/bin
  rm -rf "$STATE/etcd" "$STATE/pki"
  mkdir -p "$STATE/logs" "$STATE/pids" "$STATE/etcd"
  step "make keys and certificates" "$STATE/logs/pki.log" make_pki
  write_kubeconfig

  start_bg etcd /usr/bin/etcd --name local --data-dir "$STATE/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "local=http://127.0.0.1:$ETCD_PEER_PORT" --unsafe-no-fsync
  wait_for "etcd health" "$STATE/logs/etcd.log" 30 curl -sf "http://127.0.0.1:$ETCD_PORT/health"

  start_apiserver

  start_bg kube-controller-manager "$bin/kube-controller-manager" \
    --kubeconfig "$STATE/kubeconfig" --leader-elect=false --secure-port 0 --port 0 \
    --controllers '*,-nodeipam,-nodelifecycle' \
    --service-account-private-key-file "$STATE/pki/sa.key" --root-ca-file "$STATE/pki/ca.crt" \
    --use-service-account-credentials=false
  start_bg kube-scheduler "$bin/kube-scheduler" \
    --kubeconfig "$STATE/kubeconfig" --leader-elect=false --secure-port 0 --port 0

  sleep 1
  for c in kube-controller-manager kube-scheduler; do
    running "$c" || { say "FAILED at step 'start $c'. Read: $STATE/logs/$c.log"; tail -n 20 "$STATE/logs/$c.log" >&2; exit 1; }
  done
  # The default ServiceAccount must exist before pods can be admitted in the default namespace.
  wait_for "default ServiceAccount (controller-manager)" "$STATE/logs/kube-controller-manager.log" 60 \
    api /api/v1/namespaces/default/serviceaccounts/default
  say "up: kubectl --kubeconfig $STATE/kubeconfig get nodes"
}

down() {
  local c f pid
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
    c=${COMPONENTS[$i]}
    f=$(pidfile "$c")
    if running "$c"; then
      pid=$(cat "$f")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
      [ -d "/proc/$pid" ] && kill -9 "$pid" 2>/dev/null || true
      say "stopped $c ($pid)"
    fi
    rm -f "$f"
  done
  rm -rf "$STATE/etcd" "$STATE/pki" "$STATE/pids" "$STATE/kubeconfig"
}

status() {
  local c any=0
  for c in "${COMPONENTS[@]}"; do
    if running "$c"; then echo "$c: running (pid $(cat "$(pidfile "$c")"))"; any=1; else echo "$c: stopped"; fi
  done
  if [ $any -eq 1 ] && api /readyz >/dev/null 2>&1; then
    echo "apiserver: ready at https://127.0.0.1:$API_PORT (kubeconfig: $STATE/kubeconfig)"
  fi
  [ -x "$CACHE/bin/kube-apiserver" ] && echo "binaries: cached in $CACHE/bin" || echo "binaries: not built yet"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  install) install ;;
  stop-apiserver) stop_apiserver ;;
  start-apiserver) start_apiserver ;;
  *) echo "usage: $0 up|down|status|install|stop-apiserver|start-apiserver" >&2; exit 2 ;;
esac
