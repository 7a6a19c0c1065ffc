#!/usr/bin/env bash
# Installs the server binaries AuthApp runs as real processes (PostgreSQL, Redis) and the
# browser its UI tests drive (Chromium). Debian/Ubuntu only: elsewhere it says what to install.
# Usage: eng/prerequisites.sh [--browser]
set -euo pipefail

need=()
pg_found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | head -n1 || true)
if [ -z "$pg_found" ] && ! command -v initdb >/dev/null 2>&1; then need+=(postgresql); fi
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [ "${1:-}" = "--browser" ] && [ ! -x /usr/bin/chromium ]; then need+=(chromium fonts-liberation); fi
[ ${#need[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing missing packages: ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
elif command -v apt-get >/dev/null 2>&1; then
  echo "Missing: ${need[*]}. Install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
elif command -v brew >/dev/null 2>&1; then
  echo "Missing: ${need[*]}. Install them with: brew install postgresql redis (and Chromium for UI tests)" >&2
  exit 1
else
  echo "Missing: ${need[*]}. Install PostgreSQL, Redis and Chromium with your package manager." >&2
  exit 1
fi
