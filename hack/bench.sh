#!/usr/bin/env bash
# make bench: io.modeldeploy.e2e.bench.ScaleBench on its own local control plane (hack/harness-main.sh), test slot
# BENCH_SLOT (default 0). BENCH_N (default 1000), BENCH_SAMPLES, BENCH_THREADS, BENCH_STEADY_SECONDS: see ScaleBench.
# The harness's own bound is 20 minutes at the default N on a 2-CPU machine: the timeout is the last resort.
exec "$(dirname "$0")/harness-main.sh" "${BENCH_SLOT:-0}" "${BENCH_TIMEOUT:-40m}" io.modeldeploy.e2e.bench.ScaleBench
