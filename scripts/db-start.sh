#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for tests and local STORE=postgres runs.
#
#   npm run db:start            # prints DATABASE_URL=... and PGDATA=... (server keeps running)
#   PG_DATA_DIR=/tmp/x npm run db:start
#   bash scripts/db-start.sh --stop /tmp/rutinsvar-pg.XXXX
#
# Installs the Debian package `postgresql` when no server binaries are found,
# creates a fresh data directory (trust auth, loopback only), starts the server
# on a free port and creates the database `rutinsvar_test`. PostgreSQL refuses
# to run as root, so under root it runs as the `postgres` system user.
set -euo pipefail

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  return 1
}

as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

PGBIN="$(find_bin || true)"
if [ -z "$PGBIN" ]; then
  echo "PostgreSQL saknas: installerar paketet postgresql med apt-get …" >&2
  if [ "$(id -u)" != "0" ]; then echo "db-start: kan inte installera postgresql utan root" >&2; exit 2; fi
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq postgresql >/dev/null) >&2 || { echo "db-start: apt-get install postgresql misslyckades" >&2; exit 2; }
  PGBIN="$(find_bin || true)"
  [ -n "$PGBIN" ] || { echo "db-start: hittar inga PostgreSQL-program efter installationen" >&2; exit 2; }
fi

if [ "${1:-}" = "--stop" ]; then
  [ -n "${2:-}" ] || { echo "användning: db-start.sh --stop <datakatalog>" >&2; exit 2; }
  as_owner "$PGBIN/pg_ctl" -D "$2" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$2"
  exit 0
fi

if [ "$(id -u)" = "0" ] && ! getent passwd postgres >/dev/null; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

DATA="${PG_DATA_DIR:-$(mktemp -d /tmp/rutinsvar-pg.XXXXXX)}"
mkdir -p "$DATA"
chmod 700 "$DATA"
[ "$(id -u)" = "0" ] && chown postgres: "$DATA"

# A free loopback port: ask the kernel for one (node is always present in this project).
PORT="${PG_PORT:-$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"

as_owner "$PGBIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DATA.initdb.log" 2>&1 \
  || as_owner "$PGBIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C >"$DATA.initdb.log" 2>&1 \
  || { cat "$DATA.initdb.log" >&2; exit 3; }
rm -f "$DATA.initdb.log"

# Unix socket inside the data dir: /var/run/postgresql may not exist or be writable.
as_owner "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 30 \
  -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
  || { cat "$DATA/server.log" >&2; exit 4; }

as_owner "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres rutinsvar_test

echo "PGDATA=$DATA"
echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/rutinsvar_test"
echo "# stoppa: bash scripts/db-start.sh --stop $DATA" >&2
