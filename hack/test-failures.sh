#!/usr/bin/env bash
# Prints every failed or errored test from the Surefire/Failsafe XML reports, a few lines each.
# `make test` runs it when the build fails, so the last lines of a CI log name what broke
# (Maven's own summary only says "see the reports", which CI machines do not keep).
set -euo pipefail
cd "$(dirname "$0")/.."

reports=$(find . -path '*/target/*-reports/TEST-*.xml' 2>/dev/null | sort)
if [[ -z "$reports" ]]; then
  echo "test-failures: no test reports found"
  exit 0
fi

python3 - $reports <<'EOF'
import sys
import xml.etree.ElementTree as ET

MAX_FRAMES = 6
found = 0
for path in sys.argv[1:]:
    try:
        suite = ET.parse(path).getroot()
    except ET.ParseError as e:
        print(f"test-failures: cannot parse {path}: {e}")
        continue
    for case in suite.iter("testcase"):
        for kind in ("failure", "error"):
            for problem in case.findall(kind):
                found += 1
                message = (problem.get("message") or "").strip().splitlines()
                print(f"== {kind.upper()}: {case.get('classname')}.{case.get('name')} ({case.get('time')} s)")
                print(f"   {problem.get('type')}: {message[0][:300] if message else ''}")
                frames = [l.strip() for l in (problem.text or "").splitlines()
                          if l.strip().startswith(("at io.modeldeploy", "Caused by"))]
                for line in frames[:MAX_FRAMES]:
                    print(f"   {line[:300]}")
print(f"test-failures: {found} failed or errored test(s)")
EOF
