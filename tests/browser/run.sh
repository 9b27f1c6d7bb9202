#!/usr/bin/env bash
# Browser tests for the <openai-chatkit> element against the real demo host.
#   tests/browser/run.sh            starts samples/ChatKit.Demo on a free port and runs the tests
#   BASE_URL=http://host:port run.sh  runs the tests against an already running demo (it must run the offline
#                                     assistant: no OPENAI_API_KEY / OPENAI_BASE_URL, since the tests check its answers)
#   TESTS="x.test.mjs" run.sh         runs only the given test files (default: every *.test.mjs here)
# Exits non-zero on failure; bounded in time (TEST_TIMEOUT seconds, default 900).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TEST_TIMEOUT="${TEST_TIMEOUT:-900}"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-420}"
export ARTIFACTS_DIR="${ARTIFACTS_DIR:-$ROOT/test-artifacts/browser}"
mkdir -p "$ARTIFACTS_DIR"

cd "$HERE"
echo "[browser-tests] installing npm dependencies (npm ci)"
npm ci --no-audit --no-fund --loglevel=error >/dev/null

if [ ! -x /usr/bin/chromium ]; then
  echo "[browser-tests] /usr/bin/chromium missing: installing Debian chromium"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi
fi

DEMO_PID=""
DATA_DIR=""
cleanup() {
  if [ -n "$DEMO_PID" ]; then
    kill -TERM -- "-$DEMO_PID" 2>/dev/null || kill -TERM "$DEMO_PID" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$DEMO_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$DEMO_PID" 2>/dev/null || true
  fi
  [ -n "$DATA_DIR" ] && rm -rf "$DATA_DIR"
}
trap cleanup EXIT INT TERM

if [ -z "${BASE_URL:-}" ]; then
  PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  DATA_DIR="$(mktemp -d -t chatkit-demo-XXXXXX)"
  export BASE_URL="http://127.0.0.1:$PORT"
  LOG="$ARTIFACTS_DIR/demo-host.log"
  echo "[browser-tests] starting demo host on $BASE_URL (log: $LOG)"
  cd "$ROOT"
  # The tests check what the offline assistant answers: keep a model configured in the environment out of the demo.
  setsid env -u OPENAI_API_KEY -u OPENAI_BASE_URL dotnet run --project samples/ChatKit.Demo -- --urls "$BASE_URL" "--ChatKit:DataDirectory=$DATA_DIR" >"$LOG" 2>&1 &
  DEMO_PID=$!
  cd "$HERE"
  deadline=$(( $(date +%s) + STARTUP_TIMEOUT ))
  until curl -sf -o /dev/null "$BASE_URL/" && curl -sf -o /dev/null "$BASE_URL/chatkit/chatkit.js"; do
    if ! kill -0 "$DEMO_PID" 2>/dev/null; then echo "[browser-tests] demo host exited early:"; tail -n 40 "$LOG"; exit 1; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "[browser-tests] demo host did not start within ${STARTUP_TIMEOUT}s:"; tail -n 40 "$LOG"; exit 1; fi
    sleep 1
  done
fi

echo "[browser-tests] running tests against $BASE_URL"
set +e
# Every *.test.mjs file here; TESTS="a.test.mjs b.test.mjs" runs only those.
# shellcheck disable=SC2086
timeout --kill-after=10 "$TEST_TIMEOUT" node --test --test-concurrency=1 --test-reporter=spec ${TESTS:-*.test.mjs}
status=$?
set -e
echo "[browser-tests] screenshots in $ARTIFACTS_DIR"
exit $status
