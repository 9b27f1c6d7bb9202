#!/usr/bin/env bash
# Runs every test of the repository. Installs what it needs on a fresh Debian machine first
# (PostgreSQL and Chromium from apt, npm packages from package-lock.json), then runs the .NET suites,
# the web component's unit tests and bundle check, and the browser tests. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

section() { printf '\n==> %s\n' "$*"; }

section "System packages"
need=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
echo "postgresql: $(compgen -G '/usr/lib/postgresql/*/bin/initdb' | head -n1)"
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo missing)"

passed=0
failed=0
count_dotnet() {
  # dotnet test prints one "Passed!/Failed! - Failed: N, Passed: N, ..." line per test assembly.
  local f p
  while read -r f p; do
    failed=$((failed + f)); passed=$((passed + p))
  done < <(sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\),.*/\1 \2/p' "$1")
}

status=0
section ".NET tests"
log=$(mktemp)
if ! dotnet test ChatKit.slnx --nologo 2>&1 | tee "$log"; then status=1; fi
count_dotnet "$log"

if [ -f web/chatkit-element/package.json ]; then
  section "Web component: unit tests and bundle check"
  (cd web/chatkit-element && npm ci --no-audit --no-fund --loglevel=error && npm test) || status=1
fi

if [ -f web/react-demo/package.json ]; then
  section "React demo page: committed build is current"
  (cd web/react-demo && npm ci --no-audit --no-fund --loglevel=error && npm run check) || status=1
fi

if [ -f tests/browser/run.sh ]; then
  section "Browser tests"
  bash tests/browser/run.sh || status=1
fi

section "Summary"
echo "dotnet: $passed passed, $failed failed"
# CI keeps only the tail of the output, so name each failed .NET test here with the start of its message.
if [ "$failed" -gt 0 ]; then
  awk '/^  Failed [^ ]/ { print; n = 8; next } n > 0 && !/^  Stack Trace:/ { print; n--; next } { n = 0 }' "$log" | cut -c1-300
fi
if [ "$status" -ne 0 ]; then
  echo "FAILED"
  exit 1
fi
echo "all test suites passed"
