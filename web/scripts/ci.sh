#!/usr/bin/env bash
# The web UI's checks, for .ci/run (after `dotnet test`, which built the server and, through it, the UI):
# npm ci when needed, the OpenAPI types are current, ESLint, vue-tsc, Prettier, Vitest, then the end-to-end run in
# Debian's chromium (installed if missing) against the postmeter that was built: the whole flow, then insights and
# notifications. Ends with "N passed, N failed"
# (each check one test, plus every Vitest and E2E test).
set -uo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
postmeter=${1:-../src/Postmeter.Server/bin/Debug/net10.0/postmeter}
passed=0
failed=0

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing: chromium"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
    || sudo -n sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium" >/dev/null 2>&1 || true
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund || { echo "web: npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi

for step in check:api lint typecheck format:check; do
  echo "== web: npm run $step"
  if npm run -s "$step"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done

echo "== web: vitest"
report=$(mktemp)
npx vitest run --reporter=default --reporter=json --outputFile="$report"
read -r vp vf < <(node -e '
  const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"))
  console.log(r.numPassedTests, r.numFailedTests + (r.success || r.numFailedTests > 0 ? 0 : 1))' "$report" 2>/dev/null || echo "0 1")
rm -f "$report"
passed=$((passed + vp))
failed=$((failed + vf))

shots=${POSTMETER_UI_SHOTS:-$(mktemp -d)}
for run in flow insights; do
  echo "== web: end-to-end in chromium ($run)"
  e2e=$(mktemp)
  node "e2e/$run.mjs" "$postmeter" "$shots" 2>&1 | tee "$e2e"
  read -r ep ef < <(grep -Eo '^[0-9]+ passed, [0-9]+ failed$' "$e2e" | tail -1 | awk '{print $1, $3}')
  rm -f "$e2e"
  passed=$((passed + ${ep:-0}))
  failed=$((failed + ${ef:-1}))
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
