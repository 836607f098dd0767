#!/usr/bin/env bash
# Prints every failed or errored test from the Surefire/Failsafe XML reports, a few lines each.
# Usage: hack/test-failures.sh [FILE]: only reports written after FILE (a marker touched before the build).
# `make test` runs it when the build fails, so the last lines of a CI log name what broke
# (Maven's own summary only says "see the reports", which CI machines do not keep).
set -euo pipefail
cd "$(dirname "$0")/.."

newer=()
if [[ $# -gt 0 && -e "$1" ]]; then
  newer=(-newer "$1")
fi
reports=$(find . -path '*/target/*-reports/TEST-*.xml' "${newer[@]}" 2>/dev/null | sort)
if [[ -z "$reports" ]]; then
  echo "test-failures: no test reports found"
  exit 0
fi

python3 - $reports <<'EOF'
import sys
import xml.etree.ElementTree as ET

MAX_FRAMES = 6
summary = []
for path in sys.argv[1:]:
    try:
        suite = ET.parse(path).getroot()
    except ET.ParseError as e:
        summary.append(f"cannot parse {path}: {e}")
        continue
    for case in suite.iter("testcase"):
        for kind in ("failure", "error"):
            for problem in case.findall(kind):
                message = (problem.get("message") or "").strip().splitlines()
                first = message[0][:200] if message else ""
                test = f"{case.get('classname')}.{case.get('name')}"
                print(f"== {kind.upper()}: {test} ({case.get('time')} s)")
                print(f"   {problem.get('type')}: {first}")
                frames = [l.strip() for l in (problem.text or "").splitlines()
                          if l.strip().startswith(("at io.modeldeploy", "Caused by"))]
                for line in frames[:MAX_FRAMES]:
                    print(f"   {line[:300]}")
                summary.append(f"{kind} {test}: {problem.get('type')}: {first}")
# Last, one line each: a log cut to its tail still names every broken test.
print(f"test-failures: {len(summary)} failed or errored test(s)")
for line in summary:
    print(f"  {line}")
EOF
