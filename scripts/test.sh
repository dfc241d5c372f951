#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine. The tests start their own throwaway PostgreSQL and Redis servers
# from the installed server binaries, and the deployment tests run the compose topology natively (Nginx, Prometheus,
# the exporters, amtool, Debian's docker-compose, shellcheck), and the local chat's tests a real browser (chromium,
# chromium-driver); this installs them from Debian's packages when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if ! command -v initdb >/dev/null 2>&1 && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  missing+=(postgresql)
fi

command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v prometheus-postgres-exporter >/dev/null 2>&1 || missing+=(prometheus-postgres-exporter)
command -v prometheus-redis-exporter >/dev/null 2>&1 || missing+=(prometheus-redis-exporter)
command -v prometheus-nginx-exporter >/dev/null 2>&1 || missing+=(prometheus-nginx-exporter)
command -v amtool >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
command -v envsubst >/dev/null 2>&1 || missing+=(gettext-base)
# The gateway test counts its connections to the services (ss); nginx older than 1.27.3 runs under unshare (util-linux).
command -v ss >/dev/null 2>&1 || missing+=(iproute2)
# The local chat's browser tests: headless Chromium driven through chromedriver.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)

if [ ${#missing[@]} -gt 0 ]; then
  # One name once (prometheus brings promtool too).
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing ${missing[*]} ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "The tests need: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}) or run this as root." >&2
    exit 1
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
# One test assembly at a time (-m:1): several of them start real servers and host processes, and on a small machine
# running them side by side only makes every one of them slower.
dotnet test RepitBot.sln --configuration Release -m:1 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, summed over the test assemblies; a run in which no test ran fails.
if ! awk '/(Passed|Failed)! +- +Failed:/ {
            gsub(",", "")
            for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
          }
          END { printf "%d passed, %d failed, %d skipped\n", p, f, s; exit (p + f == 0) }' "$log"; then
  echo "No test ran." >&2
  status=1
fi
exit "$status"
