#!/usr/bin/env bash
# Squashes the model into one Initial migration per provider. Only while nothing has shipped:
# once a release is out, add migrations instead (see docs/development.md).
set -euo pipefail
cd "$(dirname "$0")/../src/Unyo"
rm -rf Data/Migrations/Sqlite Data/Migrations/Postgres
dotnet ef migrations add Initial --context SqliteUnyoDb --output-dir Data/Migrations/Sqlite
dotnet ef migrations add Initial --context PostgresUnyoDb --output-dir Data/Migrations/Postgres
