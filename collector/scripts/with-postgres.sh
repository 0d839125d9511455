#!/bin/sh
# Run a command (default: npm test) against a throwaway PostgreSQL cluster: initdb in a temporary folder,
# start it on 127.0.0.1 on a free port, export DATABASE_URL, run, then stop it and remove the folder.
# Needs the PostgreSQL server binaries (Debian: apt-get install postgresql). As root, the cluster runs as
# the postgres user. Usage: sh scripts/with-postgres.sh [command...]
set -eu
cd "$(dirname "$0")/.."

BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$BIN/initdb" ] || { echo "with-postgres: no PostgreSQL server binaries (set PG_BIN or install postgresql)" >&2; exit 2; }

DIR=$(mktemp -d /tmp/candor-pg.XXXXXX)
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
if [ "$(id -u)" = 0 ]; then
  chown postgres "$DIR"
  AS="su postgres -s /bin/sh -c"
else
  AS="sh -c"
fi

stop() {
  $AS "'$BIN/pg_ctl' -D '$DIR/data' -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT INT TERM

$AS "'$BIN/initdb' -D '$DIR/data' -U postgres -A trust -E UTF8 --no-locale" >/dev/null
$AS "'$BIN/pg_ctl' -D '$DIR/data' -l '$DIR/log' -w -o \"-c listen_addresses=127.0.0.1 -p $PORT -k '$DIR'\" start" >/dev/null

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
echo "with-postgres: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2
if [ $# -eq 0 ]; then set -- npm test; fi
"$@"
