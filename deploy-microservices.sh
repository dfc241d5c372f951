#!/usr/bin/env bash
# Deploys RepitBot's services with Docker Compose (docker-compose.microservices.yml) and runs them day to day.
# Works with `docker compose` (the plugin) and `docker-compose` (Debian's package). Run ./deploy-microservices.sh help.
set -euo pipefail
cd "$(dirname "$0")"

readonly COMPOSE_FILE_NAME=docker-compose.microservices.yml
readonly ENV_FILE=.env
readonly BACKUP_DIR=${BACKUP_DIR:-./backups}
readonly HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-300}
# Start order: each step waits until the previous one is healthy.
readonly START_STEPS=("postgres redis" "user-service" "auth-service" "telegram-bot api-gateway" "prometheus grafana postgres-exporter redis-exporter nginx-exporter")
readonly ALL_SERVICES=(postgres redis user-service auth-service telegram-bot api-gateway prometheus grafana postgres-exporter redis-exporter nginx-exporter)
readonly DATABASES=(repitbot repitbot_users repitbot_auth)
readonly REQUIRED_SETTINGS=(TELEGRAM_BOT_TOKEN JWT_SECRET_KEY USERS_SERVICE_KEY AUTH_SERVICE_KEY BOT_SERVICE_KEY POSTGRES_PASSWORD REPITBOT_DB_PASSWORD USERS_DB_PASSWORD AUTH_DB_PASSWORD)
readonly LONG_SECRETS=(JWT_SECRET_KEY USERS_SERVICE_KEY AUTH_SERVICE_KEY BOT_SERVICE_KEY)

compose_command=()

usage() {
  cat <<'USAGE'
Usage: ./deploy-microservices.sh [command]

  (none)          full deployment: checks Docker and .env, builds, starts in dependency order, waits for health
  build           build the image
  start           start every service in dependency order and wait until each is healthy
  stop            stop every service (containers and data are kept)
  restart         stop, then start
  health          a table of every service's state and health
  logs [service]  follow the logs (of one service, or all)
  clean [--yes]   remove this project's containers, network, volumes (ALL DATA) and built image, after a confirmation
  backup          a dated pg_dump of every database into ./backups (BACKUP_DIR)
  restore FILE [--yes]  restore one backup file (backups/DATABASE-DATE.dump) into its database
  help            this text
USAGE
}

say() { printf '==> %s\n' "$*"; }
die() { printf 'Error: %s\n' "$*" >&2; exit 1; }

detect_compose() {
  command -v docker >/dev/null 2>&1 || die "docker is not installed: sudo apt install docker.io docker-compose"
  if docker compose version >/dev/null 2>&1; then
    compose_command=(docker compose)
  elif command -v docker-compose >/dev/null 2>&1; then
    compose_command=(docker-compose)
  else
    die "neither 'docker compose' nor 'docker-compose' is installed: sudo apt install docker-compose"
  fi
}

compose() { "${compose_command[@]}" -f "$COMPOSE_FILE_NAME" "$@"; }

check_docker() {
  detect_compose
  docker info >/dev/null 2>&1 || die "the Docker daemon does not answer: start it (sudo systemctl start docker) and make sure you may use it (sudo usermod -aG docker \$USER, then log in again)"
}

# The value of KEY in .env as written (the last line wins, surrounding quotes dropped); .env is read, never run.
env_value() {
  local line value
  line=$(grep -E "^[[:space:]]*$1=" "$ENV_FILE" | tail -n 1 || true)
  value=${line#*=}
  value=${value%$'\r'}
  value=${value#\"}; value=${value%\"}
  value=${value#\'}; value=${value%\'}
  printf '%s' "$value"
}

is_placeholder() {
  case "$1" in
    change-me* | *change-me* | your_* | your-* | *changeme* | example* | xxx*) return 0 ;;
    *) return 1 ;;
  esac
}

check_env() {
  [ -f "$ENV_FILE" ] || die "no .env: cp .env.example .env, then set the required values (see README, Deployment)"
  local problems=() name value
  for name in "${REQUIRED_SETTINGS[@]}"; do
    value=$(env_value "$name")
    if [ -z "$value" ]; then
      problems+=("$name is missing")
    elif is_placeholder "$value"; then
      problems+=("$name still has its placeholder value")
    fi
  done
  for name in "${LONG_SECRETS[@]}"; do
    value=$(env_value "$name")
    if [ -n "$value" ] && ! is_placeholder "$value" && [ "${#value}" -lt 32 ]; then
      problems+=("$name is shorter than 32 characters")
    fi
  done
  if [ ${#problems[@]} -gt 0 ]; then
    printf 'Error: .env is not ready:\n' >&2
    printf '  - %s\n' "${problems[@]}" >&2
    printf 'Generate secrets with: openssl rand -base64 48\n' >&2
    exit 1
  fi
}

# The health of every container of a service, one word each: healthy, starting, unhealthy, running (no check), exited...
service_health() {
  local id
  for id in $(compose ps -q "$1" 2>/dev/null); do
    docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id"
  done
}

wait_healthy() {
  local service states ready
  local deadline=$((SECONDS + HEALTH_TIMEOUT))
  for service in "$@"; do
    while true; do
      states=$(service_health "$service" | tr '\n' ' ')
      ready=yes
      [ -n "$states" ] || ready=no
      for state in $states; do
        [ "$state" = healthy ] || [ "$state" = running ] || ready=no
      done
      if [ "$ready" = yes ]; then
        say "$service is healthy"
        break
      fi
      if [ "$SECONDS" -ge "$deadline" ]; then
        compose ps >&2 || true
        compose logs --tail=50 "$service" >&2 || true
        die "$service is not healthy after ${HEALTH_TIMEOUT}s (state: ${states:-no container}); its last log lines are above"
      fi
      sleep 2
    done
  done
}

cmd_build() {
  check_docker
  say "Building the image"
  compose build
}

cmd_start() {
  check_docker
  check_env
  local step services
  for step in "${START_STEPS[@]}"; do
    read -r -a services <<<"$step"
    say "Starting ${services[*]}"
    compose up -d "${services[@]}"
    wait_healthy "${services[@]}"
  done
  print_urls
}

print_urls() {
  local gateway prometheus grafana
  gateway=$(env_value GATEWAY_PORT); prometheus=$(env_value PROMETHEUS_PORT); grafana=$(env_value GRAFANA_PORT)
  cat <<URLS

RepitBot is running:
  API gateway     http://localhost:${gateway:-8080}          (health: http://localhost:${gateway:-8080}/health)
  User Service    http://localhost:8001/health   (from this machine only)
  Auth Service    http://localhost:8002/health   (from this machine only)
  Prometheus      http://localhost:${prometheus:-9090}
  Grafana         http://localhost:${grafana:-3000}          (admin/admin on the first start)
The first admin's access code is printed once in the User Service's log:
  ${compose_command[*]} -f $COMPOSE_FILE_NAME logs user-service | grep -A1 'access code'
URLS
}

cmd_stop() {
  check_docker
  say "Stopping every service (data is kept)"
  compose --profile alerting stop
}

cmd_health() {
  check_docker
  local service states state failed=0
  printf '%-18s %-9s %s\n' SERVICE REPLICAS HEALTH
  for service in "${ALL_SERVICES[@]}"; do
    states=$(service_health "$service" | tr '\n' ' ')
    if [ -z "$states" ]; then
      printf '%-18s %-9s %s\n' "$service" 0 "not running"
      failed=1
      continue
    fi
    printf '%-18s %-9s %s\n' "$service" "$(wc -w <<<"$states")" "$states"
    for state in $states; do
      [ "$state" = healthy ] || [ "$state" = running ] || failed=1
    done
  done
  return "$failed"
}

cmd_logs() {
  check_docker
  compose logs -f --tail="${LOG_TAIL:-200}" "$@"
}

confirm() {
  local answer
  if [ "${ASSUME_YES:-no}" = yes ]; then
    return 0
  fi
  read -r -p "$1 Type 'yes' to go on: " answer || true
  [ "$answer" = yes ]
}

cmd_clean() {
  check_docker
  if ! confirm "This removes RepitBot's containers, network, volumes (ALL ITS DATA) and built image."; then
    say "Nothing removed."
    return 1
  fi
  # Only this project's own things: never a machine-wide prune.
  compose --profile alerting down --volumes --remove-orphans --rmi local
  say "Removed."
}

cmd_backup() {
  check_docker
  mkdir -p "$BACKUP_DIR"
  local stamp database file
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  for database in "${DATABASES[@]}"; do
    file="$BACKUP_DIR/$database-$stamp.dump"
    if ! compose exec -T postgres pg_dump --username=postgres --format=custom --dbname="$database" >"$file"; then
      rm -f "$file"
      die "pg_dump of $database failed"
    fi
    say "$file"
  done
}

cmd_restore() {
  check_docker
  local file=${1:-}
  [ -n "$file" ] || die "restore needs a file: ./deploy-microservices.sh restore backups/repitbot_users-YYYYMMDDTHHMMSSZ.dump"
  [ -f "$file" ] || die "no such file: $file"
  local database known=no candidate
  database=$(basename "$file" .dump)
  database=${database%-*}
  for candidate in "${DATABASES[@]}"; do
    [ "$candidate" = "$database" ] && known=yes
  done
  [ "$known" = yes ] || die "$file does not name a RepitBot database (${DATABASES[*]}): backups are named DATABASE-DATE.dump"
  if ! confirm "This replaces the contents of database $database with $file."; then
    say "Nothing restored."
    return 1
  fi
  compose exec -T postgres pg_restore --username=postgres --clean --if-exists --single-transaction --dbname="$database" <"$file"
  say "Restored $database from $file"
}

main() {
  local command=${1:-deploy}
  [ $# -gt 0 ] && shift
  local arguments=() argument
  for argument in "$@"; do
    if [ "$argument" = --yes ] || [ "$argument" = -y ]; then
      ASSUME_YES=yes
    else
      arguments+=("$argument")
    fi
  done
  set -- "${arguments[@]+"${arguments[@]}"}"
  case "$command" in
    deploy)
      check_docker
      check_env
      cmd_build
      cmd_start
      ;;
    build) cmd_build ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    restart) cmd_stop; cmd_start ;;
    health) cmd_health ;;
    logs) cmd_logs "$@" ;;
    clean) cmd_clean ;;
    backup) cmd_backup ;;
    restore) cmd_restore "$@" ;;
    help | -h | --help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
