#!/usr/bin/env bash
# Browser tests for the <openai-chatkit> element against the real demo host.
#   tests/browser/run.sh            builds samples/ChatKit.Demo once, starts the hosts the selected test files need
#                                   on free loopback ports, runs the tests, and stops and deletes everything it started
#                                   (also on failure and Ctrl-C)
#   TESTS="x.test.mjs" run.sh         runs only the given test files (default: every *.test.mjs here)
#   BASE_URL=http://host:port run.sh  runs the one-host tests against an already running demo (it must run the offline
#                                     assistant: no OPENAI_API_KEY / OPENAI_BASE_URL, since the tests check its answers)
# Hosts: most files test one demo host on SQLite (BASE_URL). A file that carries the marker line
#   // browser-tests: two-hosts
# tests two demo hosts on one PostgreSQL (BASE_URL_A, BASE_URL_B; runs-two-hosts.test.mjs): only when such a file is
# selected does run.sh start a throwaway PostgreSQL cluster (initdb from /usr/lib/postgresql/*/bin, as the postgres
# user when run as root; log copied to postgres.log) and two hosts sharing its database and one data directory, so one
# browser context is one anonymous user on both (one key ring; cookies ignore ports). The hosts get a short run lease
# (ChatKit:Postgres:RunLeaseDuration) and HOST_A_PID names host A's process group, for the test that kills host A.
# BASE_URL_A and BASE_URL_B set by hand use those hosts instead (that test is then skipped).
# Exits non-zero on failure; bounded in time (TEST_TIMEOUT seconds, default 900).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TEST_TIMEOUT="${TEST_TIMEOUT:-900}"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-420}"
export ARTIFACTS_DIR="${ARTIFACTS_DIR:-$ROOT/test-artifacts/browser}"
mkdir -p "$ARTIFACTS_DIR"
TWO_HOSTS_MARKER='^// browser-tests: two-hosts'

cd "$HERE"
echo "[browser-tests] installing npm dependencies (npm ci)"
npm ci --no-audit --no-fund --loglevel=error >/dev/null

if [ ! -x /usr/bin/chromium ]; then
  echo "[browser-tests] /usr/bin/chromium missing: installing Debian chromium"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi
fi

# Which hosts the selected files need.
shopt -s nullglob
# shellcheck disable=SC2206 # TESTS is a space-separated list of files or globs
SELECTED=(${TESTS:-*.test.mjs})
shopt -u nullglob
if [ ${#SELECTED[@]} -eq 0 ]; then echo "[browser-tests] no test file matches TESTS='${TESTS:-}'"; exit 1; fi
need_one=0
need_two=0
for f in "${SELECTED[@]}"; do
  if [ -f "$f" ] && grep -q "$TWO_HOSTS_MARKER" "$f"; then need_two=1; else need_one=1; fi
done
[ -n "${BASE_URL:-}" ] && need_one=0
[ -n "${BASE_URL_A:-}" ] && [ -n "${BASE_URL_B:-}" ] && need_two=0

HOST_PIDS=()   # demo hosts, each the leader of its own process group (setsid)
TEMP_DIRS=()
TEST_PID=""
PG_INIT_PID=""
PG_DIR=""
PG_BIN=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  [ -n "$TEST_PID" ] && kill -TERM "$TEST_PID" 2>/dev/null
  # A PostgreSQL still starting is waited for (pg_ctl gives up after 60 s), then stopped below.
  [ -n "$PG_INIT_PID" ] && wait "$PG_INIT_PID" 2>/dev/null
  local pid
  for pid in "${HOST_PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null; done
  for pid in "${HOST_PIDS[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null
  done
  if [ -n "$PG_DIR" ]; then
    if [ -f "$PG_DIR/data/postmaster.pid" ]; then
      (cd "$PG_DIR" && pg_tool pg_ctl -D "$PG_DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1)
    fi
    [ -f "$PG_DIR/server.log" ] && cp "$PG_DIR/server.log" "$ARTIFACTS_DIR/postgres.log"
    rm -rf "$PG_DIR"
  fi
  for d in "${TEMP_DIRS[@]}"; do rm -rf "$d"; done
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# A PostgreSQL tool, as the postgres user when we are root (initdb refuses to run as root).
pg_tool() {
  local tool="$PG_BIN/$1"
  shift
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$tool" "$@"; else "$tool" "$@"; fi
}

# Starts a demo host from the built dll in its own process group; its pid goes to HOST_PIDS and LAST_PID.
start_host() {
  local url=$1 log=$2
  shift 2
  # The tests check what the offline assistant answers: keep a model configured in the environment out of the demo.
  (cd "$ROOT" && exec setsid env -u OPENAI_API_KEY -u OPENAI_BASE_URL dotnet "$DEMO_DLL" --urls "$url" "$@" >"$log" 2>&1) &
  LAST_PID=$!
  HOST_PIDS+=("$LAST_PID")
  # Out of the job table: a host killed on purpose (the two-host kill test) is no news for the shell to print.
  disown "$LAST_PID"
}

wait_host() {
  local url=$1 pid=$2 log=$3 deadline
  deadline=$(( $(date +%s) + STARTUP_TIMEOUT ))
  until curl -sf -o /dev/null "$url/" && curl -sf -o /dev/null "$url/chatkit/chatkit.js"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "[browser-tests] demo host $url exited early:"; tail -n 40 "$log"; exit 1; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "[browser-tests] demo host $url did not start within ${STARTUP_TIMEOUT}s:"; tail -n 40 "$log"; exit 1; fi
    sleep 0.5
  done
}

if [ "$need_two" = 1 ]; then
  PG_BIN="$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -n 1 || true)"
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "[browser-tests] the two-host tests need PostgreSQL: apt-get install -y postgresql (or set BASE_URL_A and BASE_URL_B)"
    exit 1
  fi
  PG_DIR="$(mktemp -d -t chatkit-browser-pg-XXXXXX)"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DIR"
  PG_PORT="$(free_port)"
  echo "[browser-tests] starting PostgreSQL ($PG_BIN) on 127.0.0.1:$PG_PORT"
  # In the background, while the demo builds; a throwaway cluster needs no durability.
  (
    cd "$PG_DIR"
    pg_tool initdb -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --no-sync --no-instructions
    pg_tool pg_ctl -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    pg_tool createdb -h 127.0.0.1 -p "$PG_PORT" -U postgres chatkit
  ) >"$ARTIFACTS_DIR/postgres-setup.log" 2>&1 &
  PG_INIT_PID=$!
fi

if [ "$need_one" = 1 ] || [ "$need_two" = 1 ]; then
  # Built once, then every host runs the same dll (building in parallel would race on the same output folder).
  BUILD_LOG="$ARTIFACTS_DIR/demo-build.log"
  echo "[browser-tests] building samples/ChatKit.Demo (log: $BUILD_LOG)"
  if ! (cd "$ROOT" && dotnet build samples/ChatKit.Demo --nologo -v q -clp:ErrorsOnly) >"$BUILD_LOG" 2>&1; then
    echo "[browser-tests] the demo did not build:"; tail -n 40 "$BUILD_LOG"; exit 1
  fi
  DEMO_DLL="$(cd "$ROOT" && dotnet msbuild samples/ChatKit.Demo -nologo -getProperty:TargetPath)"
  [ -f "$DEMO_DLL" ] || { echo "[browser-tests] built demo not found at '$DEMO_DLL'"; exit 1; }
fi

if [ "$need_one" = 1 ]; then
  PORT="$(free_port)"
  DATA_DIR="$(mktemp -d -t chatkit-demo-XXXXXX)"
  TEMP_DIRS+=("$DATA_DIR")
  export BASE_URL="http://127.0.0.1:$PORT"
  LOG="$ARTIFACTS_DIR/demo-host.log"
  echo "[browser-tests] starting demo host on $BASE_URL (SQLite; log: $LOG)"
  start_host "$BASE_URL" "$LOG" "--ChatKit:DataDirectory=$DATA_DIR"
  ONE_PID=$LAST_PID
fi

if [ "$need_two" = 1 ]; then
  if ! wait "$PG_INIT_PID"; then
    PG_INIT_PID=""
    echo "[browser-tests] PostgreSQL did not start:"; tail -n 40 "$ARTIFACTS_DIR/postgres-setup.log"; exit 1
  fi
  PG_INIT_PID=""
  SHARED_DIR="$(mktemp -d -t chatkit-demo-pg-XXXXXX)"
  TEMP_DIRS+=("$SHARED_DIR")
  PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=chatkit"
  export BASE_URL_A="http://127.0.0.1:$(free_port)"
  export BASE_URL_B="http://127.0.0.1:$(free_port)"
  TWO_HOST_ARGS=(
    --ChatKit:Store=postgres "--ChatKit:Postgres:ConnectionString=$PG_CONNECTION"
    # One data directory: one Data Protection key ring, so each host reads the other's anonymous-user cookie.
    "--ChatKit:DataDirectory=$SHARED_DIR"
    # A short lease: the test that kills host A waits this long for host B to call A's run abandoned. Renewed every
    # third of it, so still far above a pause of a busy machine.
    --ChatKit:Postgres:RunLeaseDuration=00:00:04
  )
  echo "[browser-tests] starting demo hosts A on $BASE_URL_A and B on $BASE_URL_B (PostgreSQL; logs: demo-host-a.log, demo-host-b.log)"
  start_host "$BASE_URL_A" "$ARTIFACTS_DIR/demo-host-a.log" "${TWO_HOST_ARGS[@]}"
  export HOST_A_PID=$LAST_PID
  start_host "$BASE_URL_B" "$ARTIFACTS_DIR/demo-host-b.log" "${TWO_HOST_ARGS[@]}"
  HOST_B_PID=$LAST_PID
fi

# The hosts started together; wait for each.
[ "$need_one" = 1 ] && wait_host "$BASE_URL" "$ONE_PID" "$ARTIFACTS_DIR/demo-host.log"
if [ "$need_two" = 1 ]; then
  wait_host "$BASE_URL_A" "$HOST_A_PID" "$ARTIFACTS_DIR/demo-host-a.log"
  wait_host "$BASE_URL_B" "$HOST_B_PID" "$ARTIFACTS_DIR/demo-host-b.log"
fi

echo "[browser-tests] hosts ready after ${SECONDS}s; running ${SELECTED[*]}"
# In the background and waited for, so that Ctrl-C reaches the trap at once (timeout puts node in its own group).
timeout --kill-after=10 "$TEST_TIMEOUT" node --test --test-concurrency=1 --test-reporter=spec "${SELECTED[@]}" &
TEST_PID=$!
status=0
wait "$TEST_PID" || status=$?
TEST_PID=""
echo "[browser-tests] screenshots and host logs in $ARTIFACTS_DIR"
exit $status
