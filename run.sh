#!/usr/bin/env bash
# Starts the whole AuthApp (PostgreSQL, Redis, migrations, API, Web) as local processes.
# Installs the missing server packages first when it can, or says exactly what to install.
# Extra arguments go to the AppHost (e.g. --AppHost:IntrospectionClients:orders-api=…). Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
eng/prerequisites.sh
exec dotnet run --project AuthApp.AppHost -- "$@"
