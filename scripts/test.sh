#!/usr/bin/env bash
# Runs Qalam's whole test suite twice: on SQLite, then on a throw-away PostgreSQL cluster on a loopback port.
# Installs what it needs from Debian (postgresql, chromium, a Java runtime, xmllint, Python's feedparser) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | head -n1)" ] || need+=(postgresql)
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
command -v java >/dev/null || need+=(default-jre-headless)
command -v npm >/dev/null || need+=(npm)
command -v xmllint >/dev/null || need+=(libxml2-utils)
/usr/bin/python3 -c 'import feedparser' 2>/dev/null || need+=(python3-feedparser)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing from Debian: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

dotnet build Qalam.slnx -c Release --nologo -v quiet

# A private PostgreSQL cluster, owned by the unprivileged 'postgres' user, trusting loopback connections only.
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n1)")
pg_port=${QALAM_TEST_PG_PORT:-55432}
pg_dir=$(mktemp -d /tmp/qalam-pg.XXXXXX)
chown postgres:postgres "$pg_dir"
run_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
stop_pg() { run_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap stop_pg EXIT
run_pg "'$pg_bin/initdb' -D '$pg_dir/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
run_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/log' -w -o \"-c listen_addresses=127.0.0.1 -p $pg_port -k '$pg_dir' -c fsync=off -c max_connections=300\" start" >/dev/null

status=0
rm -rf artifacts/test-logs
echo "== Tests on SQLite =="
QALAM_TEST_PROVIDER=sqlite dotnet test tests/Qalam.Tests -c Release --no-build --nologo || status=1
echo "== Tests on PostgreSQL =="
QALAM_TEST_PROVIDER=postgres QALAM_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres" \
  dotnet test tests/Qalam.Tests -c Release --no-build --nologo || status=1
if [ $status -ne 0 ] && [ -s artifacts/test-logs/server-errors.log ]; then
  echo "== Errors the server logged during the tests (artifacts/test-logs/server-errors.log) =="
  head -c 20000 artifacts/test-logs/server-errors.log
fi
exit $status
