#!/usr/bin/env bash
# Runs ONE SIMULATED managed-inference vendor API in the foreground, for trying a managed target locally and for
# tests. SIMULATED: nothing here talks to Alaya NeW, ZStack, Baidu Qianfan or DaoCloud d.run; no model runs, and the
# service URLs it hands out point at hosts that never resolve. Built from shared/design/vendors.md.
#
#   hack/vendor-sim.sh alayanew --port 18081 --access-key AK --secret-key SK
#   hack/vendor-sim.sh zstack   --port 18082 --account admin --password secret
#   hack/vendor-sim.sh qianfan  --port 18083 --access-key AK --secret-key SK
#   hack/vendor-sim.sh drun     --port 18084 --token T
#
# Optional: --bind HOST (default 127.0.0.1), --deploy-delay 5s, --transition-delay 2s, --delete-delay 0s,
# --session-ttl 2h (ZStack). It prints its base URL (what a ModelDeployment's spec.target.endpoint takes) and runs
# until Ctrl-C / SIGTERM.
# Build first: ./mvnw -q -pl simulators -am install -DskipTests
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
exec "$ROOT/hack/run-java.sh" io.modeldeploy.sim.platform.PlatformSimulatorMain "$@"
