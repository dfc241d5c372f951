#!/bin/bash
# Runs once, on the first start of an empty data volume (the official image's /docker-entrypoint-initdb.d):
# the "repitbot" user and database (the shared flag store; the guide's `psql -U repitbot -d repitbot`) and a
# database with a user of its own for each service, so that no service can read another's tables.
set -euo pipefail

create() {
  local name=$1 password=$2
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       --set=name="$name" --set=password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'name', :'password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'name') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'name') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'name') \gexec
SQL
}

create repitbot "${REPITBOT_DB_PASSWORD:?}"
create repitbot_users "${USERS_DB_PASSWORD:?}"
create repitbot_auth "${AUTH_DB_PASSWORD:?}"
