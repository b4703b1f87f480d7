#!/usr/bin/env bash
# Every test Concerto has: typecheck (sim/ alone, viz/ alone, then everything), lint, the formatter check, and vitest's node and
# browser projects. Ends with the plain line "N passed, N failed"; exits non-zero on any failure.
set -u
cd "$(dirname "$0")/.."
mkdir -p reports
pass=0
fail=0
check() {
  local name=$1
  shift
  if "$@"; then pass=$((pass + 1)); echo "ok - $name"; else fail=$((fail + 1)); echo "FAILED - $name"; fi
}
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "Chromium is missing at ${CHROMIUM_PATH:-/usr/bin/chromium}: install it with 'apt-get install -y chromium' (the browser tests need it)" >&2
fi
check "typecheck sim/ (ES library only)" npx tsc -p sim/tsconfig.json --noEmit
check "typecheck viz/ (browser libraries, no Node types)" npx tsc -p viz/tsconfig.json --noEmit
check "typecheck" npx tsc -p tsconfig.json --noEmit
check "lint" npx eslint .
check "format (prettier --check)" npx prettier --check --log-level warn .
rm -f reports/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
vitest_rc=$?
counts=$(node -e "
  try { const r = require('./reports/vitest.json'); console.log(r.numPassedTests + ' ' + r.numFailedTests); }
  catch { console.log('0 0'); }")
vp=${counts% *}
vf=${counts#* }
pass=$((pass + vp))
fail=$((fail + vf))
# vitest failing outside a test (a suite that cannot load, an unhandled error) still fails the run.
if [ "$vitest_rc" -ne 0 ] && [ "$vf" -eq 0 ]; then fail=$((fail + 1)); echo "FAILED - vitest exited $vitest_rc"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
