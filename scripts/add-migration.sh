#!/usr/bin/env bash
# Adds a migration NAME for both databases after a model change (SchemaTests fails until both exist).
# Each provider's migrations live in their own project; the generated classes are then made to compile there.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh NAME}
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project src/Qalam.Storage.Sqlite --startup-project src/Qalam.Web --context SqliteQalamDb --output-dir Migrations
dotnet ef migrations add "$name" --project src/Qalam.Storage.Postgres --startup-project src/Qalam.Web --context PostgresQalamDb --output-dir Migrations --no-build
python3 scripts/strip-migration-context.py
