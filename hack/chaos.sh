#!/usr/bin/env bash
# make chaos: io.modeldeploy.e2e.chaos.ChaosMain on its own local control plane (hack/harness-main.sh), test slot
# CHAOS_SLOT (default 0). CHAOS_SEED, CHAOS_ROUNDS, CHAOS_STEPS_PER_ROUND, CHAOS_STORM_STEPS, CHAOS_STORM_SECONDS,
# CHAOS_OUTAGE_SECONDS, CHAOS_APISERVER_DOWN_SECONDS: see ChaosMain (README "Faults").
# The full run takes about 20 minutes on a 2-CPU machine: the timeout is the last resort.
exec "$(dirname "$0")/harness-main.sh" "${CHAOS_SLOT:-0}" "${CHAOS_TIMEOUT:-30m}" io.modeldeploy.e2e.chaos.ChaosMain
