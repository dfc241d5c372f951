# shellcheck shell=bash
# The gateway's rows (issue 11), sourced by bench/run.sh after its own loads, with its processes, ports and functions
# in scope. Nginx runs the gateway of the compose deployment: docker/nginx/templates/default.conf.template rendered
# by envsubst with the variables the native deployment tests give it (tests/RepitBot.Deployment.Tests, NativeTopology
# and GatewayTemplate), the service names replaced by the loopback addresses of the User Service and the Auth Service
# started above. Each call is loaded direct and then through the gateway, back to back, so the two share the machine's
# noise; the budget is the gateway's throughput as a share of the direct one (>= 70%). The CPU Nginx itself spends
# per request is recorded beside it (ID_part_ticks).
#
# Two differences from the deployment, both for the measurement:
# - The rate limits are lifted through their own variables (RATE_LIMIT_API, ...): a benchmark is one client address
#   at thousands of requests a second, which the production limits (20 r/s) would answer with 429.
# - `POST /api/v1/auth/validate` is internal: the deployed gateway refuses it (403, tested in GatewayTests). To
#   measure what the gateway costs that call, this rendering drops the one refusal line, so the call goes through the
#   same `location /api/v1/auth` (limit, headers, proxying) as every public auth call.
#
# Two more rows load both calls through a second rendering of the template with its `keepalive` lines dropped, so
# the gateway opens a connection to the service per request and closes it after the answer, as the template did
# before docs/adr/0023: what keeping the connections open gains, in the same run.
#
# Debian 12's nginx (1.22) refuses `resolve` in an upstream, so UPSTREAM_RESOLVE is rendered empty, as in the native
# tests; the addresses are IP literals, which need no resolving. Compose renders `resolve` on nginx 1.27.5.

if ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    log "installing nginx"
    apt-get install -y nginx >/dev/null || { apt-get update >/dev/null && apt-get install -y nginx >/dev/null; }
  else
    echo "nginx is missing: sudo apt-get install -y nginx" >&2
    exit 1
  fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
GATEWAY_TEMPLATE="$ROOT/docker/nginx/templates/default.conf.template"

# gateway_start NAME VARIABLE=VALUE...: renders the template with exactly the given variables (envsubst with a shell
# format, as the official image and the tests do, so nginx's own $variables stay), starts nginx with a prefix of its
# own and sets GATEWAY_PIDS (the master and its workers: /proc/PID/stat counts a process's own CPU, not its children's).
gateway_start() {
  local name=$1
  shift
  local folder="$WORK/$name" format="" pair
  mkdir -p "$folder"
  for pair in "$@"; do
    format+="\${${pair%%=*}} "
  done
  env -i PATH="$PATH" "$@" envsubst "$format" < "$GATEWAY_TEMPLATE" > "$folder/default.conf"
  if [[ -n "${GATEWAY_OPEN_VALIDATE:-}" ]]; then
    grep -q '(validate|telegram-login|revocations)' "$folder/default.conf" || { log "the template's /validate refusal moved: update bench/extra/gateway.sh"; exit 1; }
    sed -i 's/(validate|telegram-login|revocations)/(telegram-login|revocations)/' "$folder/default.conf"
  fi
  if [[ -n "${GATEWAY_DROP_KEEPALIVE:-}" ]]; then
    grep -Eq '^ *keepalive [0-9]+;' "$folder/default.conf" || { log "the template's upstream keepalive moved: update bench/extra/gateway.sh"; exit 1; }
    sed -Ei '/^ *keepalive [0-9]+;/d' "$folder/default.conf"
  fi
  # The main configuration: the tests' (GatewayTemplate.cs), with the official image's worker count (auto) and
  # connections per worker (1024), since this measures throughput.
  cat > "$folder/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $folder/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path $folder/client_body;
    proxy_temp_path $folder/proxy;
    fastcgi_temp_path $folder/fastcgi;
    uwsgi_temp_path $folder/uwsgi;
    scgi_temp_path $folder/scgi;
    include $folder/default.conf;
}
EOF
  "$NGINX" -t -q -c "$folder/nginx.conf" -p "$folder/" 2>"$folder/check.log" || { cat "$folder/check.log" >&2; exit 1; }
  # The access log goes to stdout, one JSON line per request; Docker's log driver would take it, here nothing does.
  "$NGINX" -c "$folder/nginx.conf" -p "$folder/" >/dev/null 2>"$folder/error.log" &
  local master=$!
  PIDS+=("$master")
  local port
  port=$(sed -n 's/^GATEWAY_PORT=//p' <<<"$(printf '%s\n' "$@")")
  wait_for_200 "http://127.0.0.1:$port/health" 60 || { cat "$folder/error.log" >&2; exit 1; }
  GATEWAY_PIDS="$master $(pgrep -P "$master" | tr '\n' ' ')"
  GATEWAY_MASTER=$master
}

# The tests' variable set; the resolver is never asked (the addresses are IP literals) but must be a valid address.
gateway_variables() {
  printf '%s\n' \
    "GATEWAY_PORT=$1" "GATEWAY_STATUS_PORT=$(free_port)" "USERS_HEALTH_PORT=$(free_port)" "AUTH_HEALTH_PORT=$(free_port)" \
    "USER_SERVICE_ADDRESS=$2" "AUTH_SERVICE_ADDRESS=$3" "NGINX_RESOLVER=127.0.0.1:53" "UPSTREAM_RESOLVE=" \
    "RATE_LIMIT_API=1000000r/s" "RATE_LIMIT_API_BURST=1000000" "RATE_LIMIT_LOGIN=10r/m" "RATE_LIMIT_LOGIN_BURST=3"
}

log "gateway: nginx $("$NGINX" -v 2>&1 | sed 's/^.*nginx\///')"
SERVICES="$USERS_PID $AUTH_PID"

# The deployed gateway: the template as the tests render it, service addresses on loopback.
GATEWAY_PORT=$(free_port)
mapfile -t gateway_env < <(gateway_variables "$GATEWAY_PORT" "127.0.0.1:$USERS_PORT" "127.0.0.1:$AUTH_PORT")
GATEWAY_OPEN_VALIDATE=1 gateway_start gateway "${gateway_env[@]}"
DEPLOYED_PIDS=$GATEWAY_PIDS
DEPLOYED_MASTER=$GATEWAY_MASTER

# The comparison: the same rendering without upstream keepalive (a connection per request).
CLOSING_PORT=$(free_port)
mapfile -t gateway_env < <(gateway_variables "$CLOSING_PORT" "127.0.0.1:$USERS_PORT" "127.0.0.1:$AUTH_PORT")
GATEWAY_OPEN_VALIDATE=1 GATEWAY_DROP_KEEPALIVE=1 gateway_start gateway-closing "${gateway_env[@]}"
CLOSING_PIDS=$GATEWAY_PIDS
CLOSING_MASTER=$GATEWAY_MASTER

# The connections a gateway's workers hold open to the services right after a load: up to keepalive per worker, none
# when each request opens and closes its own. Logged, to show which of the two a row measured.
gateway_open_connections() {
  local pid count=0
  for pid in $1; do
    count=$(( count + $(ss -Htnp state established "( dport = :$USERS_PORT or dport = :$AUTH_PORT )" 2>/dev/null | grep -c "pid=$pid," || true) ))
  done
  echo "$count"
}

VALIDATE_BODY="{\"token\":\"$TOKEN\"}"
for base in "http://127.0.0.1:$USERS_PORT" "http://127.0.0.1:$GATEWAY_PORT" "http://127.0.0.1:$CLOSING_PORT"; do
  warm -H "$BEARER" "$base/api/v1/users/$ADMIN_ID"
done
for base in "http://127.0.0.1:$AUTH_PORT" "http://127.0.0.1:$GATEWAY_PORT" "http://127.0.0.1:$CLOSING_PORT"; do
  warm -X POST -H "$(service_credential_header users)" -H 'content-type: application/json' -d "$VALIDATE_BODY" "$base/api/v1/auth/validate"
done

# The User Service has not served this call with a token yet (the rows above load role `all`): an unmeasured load
# first, through the gateway so Nginx warms too, or the direct row, loaded first, would pay for the JIT's tiering.
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$(( WARMUP * 2 ))s" -H "$BEARER" "http://127.0.0.1:$GATEWAY_PORT/api/v1/users/$ADMIN_ID" >/dev/null 2>&1 || true

# Each call three times back to back: direct, through the deployed gateway, through the one without keepalive.
load gateway_user_direct "\`GET /api/v1/users/{id}\`, role \`users\` direct, bearer token" \
  "$SERVICES" "http://127.0.0.1:$USERS_PORT/api/v1/users/$ADMIN_ID" -H "$BEARER"
BENCH_PART_PIDS=$DEPLOYED_PIDS load gateway_user "the same through the gateway (Nginx, docker/nginx's template, upstream keepalive)" \
  "$SERVICES $DEPLOYED_PIDS" "http://127.0.0.1:$GATEWAY_PORT/api/v1/users/$ADMIN_ID" -H "$BEARER"
log "gateway: $(gateway_open_connections "$DEPLOYED_PIDS") connections to the services kept open"
BENCH_PART_PIDS=$CLOSING_PIDS load gateway_user_closing "the same through the gateway without upstream keepalive (a connection per request)" \
  "$SERVICES $CLOSING_PIDS" "http://127.0.0.1:$CLOSING_PORT/api/v1/users/$ADMIN_ID" -H "$BEARER"
log "gateway without keepalive: $(gateway_open_connections "$CLOSING_PIDS") connections to the services kept open"
BENCH_METHOD=POST BENCH_BODY=$VALIDATE_BODY \
  load gateway_validate_direct "\`POST /api/v1/auth/validate\`, role \`auth\` direct, service credential" \
  "$SERVICES" "http://127.0.0.1:$AUTH_PORT/api/v1/auth/validate" -H "$(service_credential_header users)"
BENCH_METHOD=POST BENCH_BODY=$VALIDATE_BODY \
  BENCH_PART_PIDS=$DEPLOYED_PIDS load gateway_validate "the same through the gateway (its refusal of this internal endpoint lifted)" \
  "$SERVICES $DEPLOYED_PIDS" "http://127.0.0.1:$GATEWAY_PORT/api/v1/auth/validate" -H "$(service_credential_header users)"
BENCH_METHOD=POST BENCH_BODY=$VALIDATE_BODY \
  BENCH_PART_PIDS=$CLOSING_PIDS load gateway_validate_closing "the same through the gateway without upstream keepalive" \
  "$SERVICES $CLOSING_PIDS" "http://127.0.0.1:$CLOSING_PORT/api/v1/auth/validate" -H "$(service_credential_header users)"
stop "$DEPLOYED_MASTER"
stop "$CLOSING_MASTER"
record gateway_nginx "$("$NGINX" -v 2>&1 | sed 's/^.*: //')"
