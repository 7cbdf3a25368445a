#!/usr/bin/env bash
# Runs Qalam's test suite: on SQLite, then on a throw-away PostgreSQL cluster on a loopback port. With no arguments it
# is the whole suite, as CI runs it (.ci/run). It installs what it lacks first (scripts/provision.sh).
#
#   scripts/test.sh                                   everything on SQLite, and all but the browser tests on PostgreSQL
#   scripts/test.sh --db postgres --filter "Kind=Browser"   the browser tests on PostgreSQL too
#   scripts/test.sh --db sqlite                       one database (sqlite or postgres)
#   scripts/test.sh --db postgres --filter "FullyQualifiedName~Comments"
#   scripts/test.sh --filter "Kind!=Browser"          anything after --db goes to dotnet test as it is
set -euo pipefail
cd "$(dirname "$0")/.."

databases=(sqlite postgres)
if [ "${1:-}" = "--db" ]; then
  case "${2:-}" in
    sqlite|postgres) databases=("$2") ;;
    *) echo "error: --db takes sqlite or postgres" >&2; exit 2 ;;
  esac
  shift 2
fi

scripts/provision.sh
# Each app the tests start would watch appsettings.json for changes with an inotify instance of its own; the machine
# allows 128 per user, which two suites running at once (or a suite beside a developer's site) can exhaust.
export DOTNET_hostBuilder__reloadConfigOnChange=false
# The web root's file provider (asp-append-version watches it) takes one more, and is not released when a test app is
# disposed; with a few hundred test apps in a run that reached the limit. Polling watchers use no inotify instance.
export DOTNET_USE_POLLING_FILE_WATCHER=true
dotnet build Qalam.slnx -c Release --nologo -v quiet

status=0
rm -rf artifacts/test-logs
for db in "${databases[@]}"; do
  if [ "$db" = sqlite ]; then
    echo "== Tests on SQLite =="
    QALAM_TEST_PROVIDER=sqlite dotnet test tests/Qalam.Tests -c Release --no-build --nologo "$@" || status=1
    continue
  fi
  # A private PostgreSQL cluster, owned by the unprivileged 'postgres' user, trusting loopback connections only.
  pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n1)")
  pg_port=${QALAM_TEST_PG_PORT:-55432}
  pg_dir=$(mktemp -d /tmp/qalam-pg.XXXXXX)
  chown postgres:postgres "$pg_dir"
  run_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
  redis_port=${QALAM_TEST_REDIS_PORT:-56379}
  stop_pg() {
    run_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m immediate stop" >/dev/null 2>&1 || true
    if [ -f "$pg_dir/redis.pid" ]; then kill "$(cat "$pg_dir/redis.pid")" 2>/dev/null || true; fi
    rm -rf "$pg_dir"
  }
  trap stop_pg EXIT
  run_pg "'$pg_bin/initdb' -D '$pg_dir/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  run_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/log' -w -o \"-c listen_addresses=127.0.0.1 -p $pg_port -k '$pg_dir' -c fsync=off -c max_connections=300\" start" >/dev/null
  # Redis beside it, in memory only, where the nodes of the many-node tests (and every app of this run) share limits.
  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize yes \
    --pidfile "$pg_dir/redis.pid" --logfile "$pg_dir/redis.log" --dir "$pg_dir"
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  echo "== Tests on PostgreSQL =="
  # The browser tests check what runs in the page (scripts, layout, accessibility) through the same HTTP handlers that
  # the rest of the suite drives on both databases; on PostgreSQL they would add a fifth of the run for no new query,
  # and keep the suite within its 30 minutes on two cores. A filter given on the command line replaces this one.
  pg_args=("$@")
  if [ ${#pg_args[@]} -eq 0 ]; then pg_args=(--filter "Kind!=Browser"); fi
  QALAM_TEST_PROVIDER=postgres QALAM_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres" \
    QALAM_TEST_REDIS="127.0.0.1:$redis_port" \
    dotnet test tests/Qalam.Tests -c Release --no-build --nologo "${pg_args[@]}" || status=1
done
if [ $status -ne 0 ] && [ -s artifacts/test-logs/server-errors.log ]; then
  echo "== Errors the server logged during the tests (artifacts/test-logs/server-errors.log) =="
  head -c 20000 artifacts/test-logs/server-errors.log
fi
exit $status
