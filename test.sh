#!/usr/bin/env bash
# Runs every test of AuthApp against real PostgreSQL, Redis and headless Chromium.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Tokens").
set -euo pipefail
cd "$(dirname "$0")"
eng/prerequisites.sh --browser
dotnet test AuthApp.slnx --configuration Release --logger "trx" --results-directory artifacts/test-results "$@"
