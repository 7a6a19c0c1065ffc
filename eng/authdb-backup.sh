#!/usr/bin/env bash
# Dumps or restores the accounts database with pg_dump/pg_restore, custom format.
# Usage: eng/authdb-backup.sh dump <file>      (writes <file> whole or not at all)
#        eng/authdb-backup.sh restore <file>   (creates the database when missing; all or nothing)
# The server comes from the standard libpq variables: PGHOST, PGPORT, PGUSER, PGPASSWORD (or PGPASSFILE),
# PGDATABASE (default authdb). The Kubernetes CronJob runs the same pg_dump flags (aspirate-output/base/backup).
set -euo pipefail

[ $# -eq 2 ] || { sed -n '3,4p' "$0" | sed 's/^# //' >&2; exit 2; }
command="$1"
file="$2"
export PGDATABASE="${PGDATABASE:-authdb}"

# The installed client tools: PATH first, then Debian's versioned folders (newest first).
bin=""
if ! command -v pg_dump >/dev/null 2>&1; then
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [ -n "$bin" ] || { echo "pg_dump not found: apt-get install postgresql-client" >&2; exit 1; }
  bin="$bin/"
fi

case "$command" in
  dump)
    # Into a temporary name first: a failed dump never replaces a good one.
    "${bin}pg_dump" --format=custom --no-owner --no-privileges --file="$file.partial"
    mv "$file.partial" "$file"
    echo "Dumped $PGDATABASE to $file" >&2
    ;;
  restore)
    [ -f "$file" ] || { echo "No such dump: $file" >&2; exit 1; }
    exists=$("${bin}psql" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PGDATABASE'")
    [ "$exists" = 1 ] || "${bin}createdb" "$PGDATABASE"
    # --clean drops what the dump recreates; --single-transaction leaves the old state if anything fails.
    "${bin}pg_restore" --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
      --dbname="$PGDATABASE" "$file"
    echo "Restored $file into $PGDATABASE" >&2
    ;;
  *)
    echo "Unknown command: $command (dump or restore)" >&2
    exit 2
    ;;
esac
