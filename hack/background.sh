#!/usr/bin/env bash
# Starts, stops and reports a long-running process of the local harness by pid file.
#   hack/background.sh start <name> <command...>   (log: .local-cluster/logs/<name>.log)
#   hack/background.sh stop <name>
#   hack/background.sh status <name>
#   hack/background.sh await <name> <log text> <seconds>   (waits for the text in its log)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=${LOCAL_CLUSTER_DIR:-$ROOT/.local-cluster}
action=${1:?usage: background.sh start|stop|status|await <name> [command...]}
name=${2:?name required}
shift 2
pidfile=$STATE/run/$name.pid
log=$STATE/logs/$name.log

alive() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

case "$action" in
  start)
    if alive; then echo "$name: already running (pid $(cat "$pidfile"))"; exit 0; fi
    mkdir -p "$STATE/run" "$STATE/logs"
    setsid nohup "$@" >"$log" 2>&1 </dev/null &
    echo $! >"$pidfile"
    echo "$name: started (pid $!, log $log)"
    ;;
  stop)
    if alive; then
      pid=$(cat "$pidfile")
      kill "$pid"
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      echo "$name: stopped"
    fi
    rm -f "$pidfile"
    ;;
  status)
    if alive; then echo "$name: running (pid $(cat "$pidfile"))"; else echo "$name: stopped"; fi
    ;;
  await)
    text=${1:?log text required}
    seconds=${2:-60}
    for _ in $(seq $((seconds * 2))); do
      grep -q -- "$text" "$log" 2>/dev/null && { echo "$name: $text"; exit 0; }
      alive || { echo "$name exited before it was ready; read $log" >&2; tail -n 20 "$log" >&2; exit 1; }
      sleep 0.5
    done
    echo "$name not ready after ${seconds}s; read $log" >&2
    exit 1
    ;;
  *) echo "usage: background.sh start|stop|status|await <name> [command...]" >&2; exit 2 ;;
esac
