#!/usr/bin/env bash
# The benchmark suite (issue 12): builds Release, starts throwaway PostgreSQL 15 (scram-sha-256, as in production) and
# Redis in a temporary folder, runs the same-run baselines and the host's figures under wrk, runs the BenchmarkDotNet
# micro-benchmarks, and writes docs/BENCHMARKS.md. Every figure is also divided by a baseline of the same run: the
# machines are small, shared and noisy, so absolute numbers are reported, never asserted.
#
#   bash bench/run.sh                  # everything, 10 s per load
#   BENCH_DURATION=5 bash bench/run.sh # shorter loads
#   BENCH_WARMUP=15 ...                # seconds of unmeasured load before each measured one (the JIT settles)
#   BENCH_SKIP_MICRO=1 ...             # without BenchmarkDotNet
#   BENCH_SERVE=1 ...                  # start everything and keep it up for a profiler (addresses in serve.env)
#   BENCH_ONLY=bot ...                 # one bench/extra/ part alone (bot, failover, gateway): its rows go to the log, not the report
#   BENCH_PERF=1 ...                   # every .NET process writes a perf map (for `perf record -p PID`)
#   BENCH_PG_OPTS="-c shared_preload_libraries=pg_stat_statements" ...  # more settings for the throwaway PostgreSQL
#   BENCH_EXTRA="gateway" ...          # only these of bench/extra/*.sh (names without .sh; empty: none; unset: all)
#
# Benchmarks are not tests: nothing here is part of `dotnet test` or scripts/test.sh.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-15}
THREADS=2
CONNECTIONS=32
REPORT=${BENCH_REPORT:-$ROOT/docs/BENCHMARKS.md}

WORK=$(mktemp -d /tmp/repitbot-bench-XXXXXX)
chmod 755 "$WORK"
RESULTS="$WORK/results"
mkdir -p "$RESULTS"
PIDS=()
PG_STARTED=

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

cleanup() {
  local status=$?
  set +e
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null
  done
  if [[ -n "$PG_STARTED" ]]; then
    as_postgres "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1
  fi
  if [[ -n "${BENCH_KEEP:-}" ]]; then
    log "kept $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools ---------------------------------------------------------------------------------------------------------

if ! command -v wrk >/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    log "installing wrk"
    apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else
    echo "wrk is missing: sudo apt-get install -y wrk" >&2
    exit 1
  fi
fi

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -x "$PGBIN/initdb" ]] || { echo "PostgreSQL server binaries are missing: apt-get install -y postgresql" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }

as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

random_secret() { python3 -c 'import secrets; print(secrets.token_urlsafe(48))'; }

# --- the service credential ----------------------------------------------------------------------------------------
# The one place that says how a service proves itself to another: each calling module has its own key (README,
# Security), sent in X-Service-Key. Every process here gets all three; a header names the identity it presents.

declare -A SERVICE_KEYS=([users]=$(random_secret) [auth]=$(random_secret) [bot]=$(random_secret))

service_credential_env() {
  printf 'USERS_SERVICE_KEY=%s\nAUTH_SERVICE_KEY=%s\nBOT_SERVICE_KEY=%s\n' "${SERVICE_KEYS[users]}" "${SERVICE_KEYS[auth]}" "${SERVICE_KEYS[bot]}"
}

# The header of one identity: `users` may introspect tokens (/validate), `auth` may read users.
service_credential_header() { printf 'X-Service-Key: %s' "${SERVICE_KEYS[$1]}"; }

# --- measuring -----------------------------------------------------------------------------------------------------

# CPU time (user + system, in clock ticks) of the given processes, summed.
cpu_ticks() {
  local total=0 pid fields
  for pid in "$@"; do
    if [[ -r /proc/$pid/stat ]]; then
      fields=$(sed 's/^.*) //' "/proc/$pid/stat")
      total=$(( total + $(awk '{print $12 + $13}' <<<"$fields") ))
    fi
  done
  echo "$total"
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# record KEY VALUE: one figure for the report.
record() { printf '%s=%s\n' "$1" "$2" >> "$RESULTS/values"; }

# load ID LABEL "PIDS" URL [wrk options...]: one wrk run at the fixed threads and connections; its throughput,
# latency and the CPU the given processes spent per request go into one row of the report. With BENCH_PART_PIDS set
# (some of PIDS), their own share of that CPU is recorded as well, as ID_part_ticks.
load() {
  local id=$1 label=$2 pids=$3 url=$4
  shift 4
  local before after out part_before
  out="$RESULTS/$id.wrk"
  # Unmeasured first: until the JIT's tiering settles, a call costs several times its steady CPU.
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -s "$BENCH/wrk/report.lua" "$@" "$url" > /dev/null 2>&1 || true
  # shellcheck disable=SC2086
  before=$(cpu_ticks $pids)
  # shellcheck disable=SC2086
  part_before=$(cpu_ticks ${BENCH_PART_PIDS:-})
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$BENCH/wrk/report.lua" "$@" "$url" > "$out" 2>&1 || true
  # shellcheck disable=SC2086
  after=$(cpu_ticks $pids)
  if [[ -n "${BENCH_PART_PIDS:-}" ]]; then
    # shellcheck disable=SC2086
    record "${id}_part_ticks" $(( $(cpu_ticks $BENCH_PART_PIDS) - part_before ))
  fi
  local line
  line=$(grep '^RESULT ' "$out" || echo "RESULT requests=0 duration_us=1 p50_us=0 p99_us=0 non2xx=0 socket_errors=0")
  printf '%s\t%s\t%s\tcpu_ticks=%s\tclk_tck=%s\n' "$id" "$label" "${line#RESULT }" "$(( after - before ))" "$(getconf CLK_TCK)" >> "$RESULTS/rows"
  log "$id: ${line#RESULT }, cpu ticks $(( after - before ))"
}

wait_for_200() {
  local url=$1 deadline=$(( $(date +%s) + ${2:-120} ))
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "$url" || true) == 200 ]]; do
    if (( $(date +%s) > deadline )); then
      log "no 200 from $url in time"
      return 1
    fi
    sleep 0.02
  done
}

# --- build ---------------------------------------------------------------------------------------------------------

log "building Release"
# BENCH_HOST_DLL names a host built elsewhere (a copy of an earlier build, for a before-and-after): not built here.
[[ -n "${BENCH_HOST_DLL:-}" ]] || dotnet build "$ROOT/src/Host/RepitBot.Host.csproj" -c Release -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
dotnet build "$BENCH/Baseline/RepitBot.Bench.Baseline.csproj" -c Release -v q -nologo >>"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
if [[ -z "${BENCH_SKIP_MICRO:-}${BENCH_ONLY:-}" ]]; then
  dotnet build "$BENCH/Micro/RepitBot.Bench.Micro.csproj" -c Release -v q -nologo >>"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
fi
HOST_DLL=${BENCH_HOST_DLL:-$ROOT/src/Host/bin/Release/net10.0/RepitBot.Host.dll}
BASELINE_DLL="$BENCH/Baseline/bin/Release/net10.0/RepitBot.Bench.Baseline.dll"
MICRO_DLL="$BENCH/Micro/bin/Release/net10.0/RepitBot.Bench.Micro.dll"

JWT_SECRET=$(random_secret)

# start NAME PORT ENV... COMMAND...: a process of the host (or the baseline) in the background; its pid in STARTED.
start() {
  local name=$1 port=$2
  shift 2
  env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" "$@" > "$WORK/$name.log" 2>&1 &
  STARTED=$!
  PIDS+=("$STARTED")
}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# --- role all on SQLite: start time and idle memory ----------------------------------------------------------------

if [[ -z "${BENCH_ONLY:-}" ]]; then
log "role all on SQLite: start to /health 200"
SQLITE_PORT=$(free_port)
mkdir -p "$WORK/sqlite"
# The first start creates the database and the first admin (a bcrypt hash at the production cost); a restart has both.
sqlite_start() {
  local began ended
  began=$(date +%s%N)
  start "sqlite-$1" "$SQLITE_PORT" JWT_SECRET_KEY="$JWT_SECRET" $(service_credential_env) DATA_DIR="$WORK/sqlite/data" dotnet "$HOST_DLL"
  wait_for_200 "http://127.0.0.1:$SQLITE_PORT/health"
  ended=$(date +%s%N)
  record "sqlite_start_ms_$1" $(( (ended - began) / 1000000 ))
}
sqlite_start first
sleep 3 # idle: let the start's work settle before reading the memory
record sqlite_idle_rss_kb "$(rss_kb "$STARTED")"
stop "$STARTED"
sqlite_start restart
stop "$STARTED"

# The same from a ReadyToRun publish (what `dotnet publish -r linux-x64` gives): precompiled, so the JIT's share of the
# start goes. BENCH_SKIP_R2R=1 skips it (the publish takes a minute or two).
if [[ -z "${BENCH_SKIP_R2R:-}" ]]; then
  log "role all on SQLite from a ReadyToRun publish"
  dotnet publish "$ROOT/src/Host/RepitBot.Host.csproj" -c Release -r linux-x64 --self-contained false -v q -nologo -o "$WORK/r2r" >>"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
  FULL_HOST_DLL=$HOST_DLL
  HOST_DLL="$WORK/r2r/RepitBot.Host.dll"
  rm -rf "$WORK/sqlite/data"
  sqlite_start r2r_first
  sleep 3
  record sqlite_r2r_idle_rss_kb "$(rss_kb "$STARTED")"
  stop "$STARTED"
  sqlite_start r2r_restart
  stop "$STARTED"
  HOST_DLL=$FULL_HOST_DLL
fi
fi

# --- PostgreSQL 15 and Redis ---------------------------------------------------------------------------------------

log "starting PostgreSQL ($PGBIN) and Redis"
PG_PORT=$(free_port)
PG_SUPER_PASSWORD=$(random_secret)
PG_PASSWORD=$(random_secret)
mkdir -p "$WORK/pg"
printf '%s\n' "$PG_SUPER_PASSWORD" > "$WORK/pg/pwfile"
[[ $(id -u) -eq 0 ]] && chown -R postgres:postgres "$WORK/pg"
as_postgres "$PGBIN/initdb" -D "$WORK/pg/data" -U postgres --auth=scram-sha-256 --pwfile="$WORK/pg/pwfile" -E UTF8 --locale=C --no-sync >"$WORK/initdb.log" 2>&1
as_postgres "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/server.log" -w \
  -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=300 ${BENCH_PG_OPTS:-}" start >/dev/null
PG_STARTED=1
PGPASSWORD="$PG_SUPER_PASSWORD" psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE repitbot LOGIN PASSWORD '$PG_PASSWORD'" -c "CREATE DATABASE repitbot OWNER repitbot" >/dev/null
PG_URL="postgresql://repitbot:$PG_PASSWORD@127.0.0.1:$PG_PORT/repitbot"

REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
PIDS+=("$!")
until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done

# Every process of the host shares the databases, the flag store, Redis, the signing key and the service credential,
# as a deployment must. Tokens live 2 hours so one login serves the whole run. The login rate limit per address is
# lifted so the /login flood reaches bcrypt, as a flood from many addresses would.
HOST_ENV=(
  JWT_SECRET_KEY="$JWT_SECRET" $(service_credential_env)
  USER_SERVICE_DATABASE_URL="$PG_URL" AUTH_SERVICE_DATABASE_URL="$PG_URL" PLATFORM_DATABASE_URL="$PG_URL"
  REDIS_URL="redis://127.0.0.1:$REDIS_PORT" ACCESS_TOKEN_EXPIRE_MINUTES=120 LOGIN_RATE_LIMIT_PER_MINUTE=100000
  BOOTSTRAP_ADMIN=false
)
if [[ -n "${BENCH_SERVE:-}${BENCH_PERF:-}" ]]; then
  # For perf: the JIT writes a symbol map of managed code, and code is not double-mapped (which hides it from that map).
  HOST_ENV+=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
fi

log "migrating and creating the admin"
env ASPNETCORE_ENVIRONMENT=Production "${HOST_ENV[@]}" dotnet "$HOST_DLL" migrate >"$WORK/migrate.log" 2>&1
env ASPNETCORE_ENVIRONMENT=Production "${HOST_ENV[@]}" dotnet "$HOST_DLL" admin create --name "Bench Admin" >"$WORK/admin.log" 2>&1
ADMIN_ID=$(sed -n 's/^Admin created: user \([0-9]*\),.*/\1/p' "$WORK/admin.log")
ADMIN_CODE=$(sed -n 's/^Access code[^:]*: //p' "$WORK/admin.log")
[[ -n "$ADMIN_ID" && -n "$ADMIN_CODE" ]] || { cat "$WORK/admin.log"; exit 1; }

# --- processes -----------------------------------------------------------------------------------------------------

USERS_PORT=$(free_port)
AUTH_PORT=$(free_port)
ALL_PORT=$(free_port)
BASE_PORT=$(free_port)
log "starting the User Service, the Auth Service, role all and the baseline"
start users "$USERS_PORT" "${HOST_ENV[@]}" AUTH_SERVICE_URL="http://127.0.0.1:$AUTH_PORT" dotnet "$HOST_DLL" --role users
USERS_PID=$STARTED
start auth "$AUTH_PORT" "${HOST_ENV[@]}" USER_SERVICE_URL="http://127.0.0.1:$USERS_PORT" dotnet "$HOST_DLL" --role auth
AUTH_PID=$STARTED
start all "$ALL_PORT" "${HOST_ENV[@]}" USER_SERVICE_URL="http://127.0.0.1:$USERS_PORT" dotnet "$HOST_DLL" --role all
ALL_PID=$STARTED
start baseline "$BASE_PORT" JWT_SECRET_KEY="$JWT_SECRET" \
  BASELINE_DATABASE="Host=127.0.0.1;Port=$PG_PORT;Database=repitbot;Username=repitbot;Password=$PG_PASSWORD;No Reset On Close=true;Max Auto Prepare=64" \
  dotnet "$BASELINE_DLL"
BASE_PID=$STARTED
for port in "$USERS_PORT" "$AUTH_PORT" "$ALL_PORT"; do
  wait_for_200 "http://127.0.0.1:$port/health/local"
done
wait_for_200 "http://127.0.0.1:$BASE_PORT/json"
sleep 2
record all_idle_rss_kb "$(rss_kb "$ALL_PID")"

TOKEN=$(curl -sf -X POST "http://127.0.0.1:$ALL_PORT/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"access_code\":\"$ADMIN_CODE\"}" | jq -r .access_token)
[[ -n "$TOKEN" && "$TOKEN" != null ]] || { log "login failed"; exit 1; }
BEARER="Authorization: Bearer $TOKEN"
USER_URL="http://127.0.0.1:$ALL_PORT/api/v1/users/$ADMIN_ID"
VALIDATE_URL="http://127.0.0.1:$AUTH_PORT/api/v1/auth/validate"
ALL_HOSTS="$USERS_PID $AUTH_PID $ALL_PID"

# Warm every path once, so no load pays for a first JIT or a first query compilation.
warm() { for _ in 1 2 3 4 5; do curl -s -o /dev/null "$@"; done; }
warm "http://127.0.0.1:$BASE_PORT/json"
warm -H "$BEARER" "http://127.0.0.1:$BASE_PORT/jwt"
warm -H "$BEARER" "http://127.0.0.1:$BASE_PORT/pg/$ADMIN_ID"
warm -H "$BEARER" "$USER_URL"
warm -H "$(service_credential_header auth)" "$USER_URL"
warm -X POST -H "$(service_credential_header users)" -H 'content-type: application/json' -d "{\"token\":\"$TOKEN\"}" "$VALIDATE_URL"

# BENCH_SERVE=1: keep everything running for a profiler instead of loading it; the addresses go to serve.env.
if [[ -n "${BENCH_SERVE:-}" ]]; then
  {
    printf 'ALL_PID=%s\nUSERS_PID=%s\nAUTH_PID=%s\nBASE_PID=%s\n' "$ALL_PID" "$USERS_PID" "$AUTH_PID" "$BASE_PID"
    printf 'ALL_PORT=%s\nUSERS_PORT=%s\nAUTH_PORT=%s\nBASE_PORT=%s\n' "$ALL_PORT" "$USERS_PORT" "$AUTH_PORT" "$BASE_PORT"
    printf 'TOKEN=%s\nUSER_URL=%s\nVALIDATE_URL=%s\n' "$TOKEN" "$USER_URL" "$VALIDATE_URL"
    printf 'SERVICE_HEADER=%q\n' "$(service_credential_header users)"
  } > "$WORK/serve.env"
  log "serving; source $WORK/serve.env for the addresses; Ctrl-C (or kill $$) stops everything"
  sleep infinity &
  PIDS+=("$!")
  wait "$!"
fi

# --- loads ---------------------------------------------------------------------------------------------------------

# set_flag NAME true|false: a deployment flag through the admin API of role all (the extra parts use it too).
set_flag() {
  curl -sf -X PUT "http://127.0.0.1:$ALL_PORT/api/v1/admin/features/$1" -H "$BEARER" -H 'content-type: application/json' \
    -d "{\"enabled\": $2}" >/dev/null
}

if [[ -z "${BENCH_ONLY:-}" ]]; then

load bare "bare minimal-API endpoint returning a small JSON object" "$BASE_PID" "http://127.0.0.1:$BASE_PORT/json"
load jwt "the same behind JwtBearer (HS256, issuer and audience pinned)" "$BASE_PID" "http://127.0.0.1:$BASE_PORT/jwt" -H "$BEARER"
# The floor under any read that goes to PostgreSQL: the JwtBearer endpoint plus one read of the same user by primary key
# through Npgsql itself (pooled, prepared), on the host's database.
load floor "the same plus one read of the user by primary key through Npgsql (pooled, prepared), no EF Core" "$BASE_PID" "http://127.0.0.1:$BASE_PORT/pg/$ADMIN_ID" -H "$BEARER"
BENCH_METHOD=POST BENCH_BODY="{\"token\":\"$TOKEN\"}" \
  load validate "\`POST /api/v1/auth/validate\`, role \`auth\`, service credential" "$ALL_HOSTS" "$VALIDATE_URL" -H "$(service_credential_header users)"
load user "\`GET /api/v1/users/{id}\`, role \`all\`, PostgreSQL, bearer token" "$ALL_HOSTS" "$USER_URL" -H "$BEARER"
load user_service "the same with the service credential instead of a token" "$ALL_HOSTS" "$USER_URL" -H "$(service_credential_header auth)"
load health_local "\`GET /health/local\`, role \`all\`" "$ALL_HOSTS" "http://127.0.0.1:$ALL_PORT/health/local"
load openapi "\`GET /openapi/v1.json\`, role \`all\`" "$ALL_HOSTS" "http://127.0.0.1:$ALL_PORT/openapi/v1.json"

# Hybrid: role all sends the Users calls to the User Service (remote first, in process on a transient failure).
set_flag USERS_ENABLE_MICROSERVICES true
set_flag USERS_FALLBACK_TO_MONOLITH true
warm -H "$BEARER" "$USER_URL"
users_before=$(cpu_ticks "$USERS_PID")
load user_hybrid "the same in hybrid mode through a real User Service" "$ALL_HOSTS" "$USER_URL" -H "$BEARER"
record hybrid_users_service_cpu_ticks $(( $(cpu_ticks "$USERS_PID") - users_before ))
curl -sf -X DELETE "http://127.0.0.1:$ALL_PORT/api/v1/admin/features/USERS_ENABLE_MICROSERVICES" -H "$BEARER" >/dev/null
curl -sf -X DELETE "http://127.0.0.1:$ALL_PORT/api/v1/admin/features/USERS_FALLBACK_TO_MONOLITH" -H "$BEARER" >/dev/null

# A flood of wrong codes on /login beside the reads: bcrypt must not starve them.
flood() {
  local port=$1
  wrk -t1 -c"$CONNECTIONS" -d"$(( WARMUP + DURATION + 2 ))s" --timeout 10s -s "$BENCH/wrk/login-flood.lua" "http://127.0.0.1:$port" > "$RESULTS/flood-$port.wrk" 2>&1 &
  FLOOD_PID=$!
  sleep 1
}
flood "$AUTH_PORT"
BENCH_METHOD=POST BENCH_BODY="{\"token\":\"$TOKEN\"}" \
  load validate_flood "\`POST /api/v1/auth/validate\` while \`/login\` is flooded with wrong codes" "$ALL_HOSTS" "$VALIDATE_URL" -H "$(service_credential_header users)"
wait "$FLOOD_PID" || true
record validate_flood_logins "$(awk '/requests in/ {print $1}' "$RESULTS/flood-$AUTH_PORT.wrk")"
flood "$ALL_PORT"
load user_flood "\`GET /api/v1/users/{id}\` while \`/login\` is flooded with wrong codes" "$ALL_HOSTS" "$USER_URL" -H "$BEARER"
wait "$FLOOD_PID" || true
record user_flood_logins "$(awk '/requests in/ {print $1}' "$RESULTS/flood-$ALL_PORT.wrk")"

record all_after_load_rss_kb "$(rss_kb "$ALL_PID")"
fi

# Rows other issues add (the bot against a bare Telegram.Bot echo bot, the gateway against the same call direct):
# each file in bench/extra/ is sourced here and may call load and record with the processes above.
for extra in "$BENCH"/extra/*.sh; do
  [[ -e "$extra" ]] || continue
  [[ -z "${BENCH_ONLY:-}" || $(basename "$extra" .sh) == "$BENCH_ONLY" ]] || continue
  if [[ -n "${BENCH_EXTRA+set}" && " $BENCH_EXTRA " != *" $(basename "$extra" .sh) "* ]]; then
    log "extra: $extra skipped (BENCH_EXTRA)"
    continue
  fi
  log "extra: $extra"
  # shellcheck disable=SC1090
  source "$extra"
done

# --- micro-benchmarks ----------------------------------------------------------------------------------------------

if [[ -n "${BENCH_ONLY:-}" ]]; then
  # One part alone (a profile, a before-and-after pair): its rows in the log; the report stays the full run's.
  cat "$RESULTS/rows" >&2
  exit 0
fi

if [[ -z "${BENCH_SKIP_MICRO:-}" ]]; then
  log "BenchmarkDotNet: token validation and the module router"
  for pid in "$USERS_PID" "$AUTH_PID" "$ALL_PID" "$BASE_PID"; do stop "$pid"; done
  BENCH_ARTIFACTS="$WORK/bdn" BENCH_TOKEN="$TOKEN" BENCH_JWT_SECRET_KEY="$JWT_SECRET" \
    dotnet "$MICRO_DLL" --filter '*' >"$WORK/bdn.log" 2>&1 || { tail -n 40 "$WORK/bdn.log"; exit 1; }
  cp "$WORK"/bdn/results/*-report.csv "$RESULTS/"
fi

# --- report --------------------------------------------------------------------------------------------------------

record date "$(date -u '+%Y-%m-%d %H:%M UTC')"
record commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (with local changes)')"
record nproc "$(nproc)"
record cpu "$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
record memory_mb "$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)"
record load_average "$(cut -d' ' -f1-3 /proc/loadavg)"
record dotnet "$(dotnet --version)"
record postgres "$("$PGBIN/postgres" --version)"
record wrk "$(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
record duration_s "$DURATION"
record warmup_s "$WARMUP"
record threads "$THREADS"
record connections "$CONNECTIONS"
python3 "$BENCH/report.py" "$RESULTS" "$REPORT"
log "wrote $REPORT"
