#!/bin/bash
# usage: postgres-run.sh COMMAND [ARGS...]
# Runs COMMAND beside a private PostgreSQL (TESTBED.md §3): a cluster initialised in a temp dir,
# listening on 127.0.0.1 at a free port with its socket in that dir, a role kefu (password
# kefupw, scram-sha-256 over TCP) owning a database kefu. COMMAND sees:
#   KEFU_TEST_PG        conninfo of that database as kefu over TCP (no password in it)
#   KEFU_TEST_PG_URI    the same as a postgresql:// URI (what kefuctl --db takes)
#   PGPASSWORD          kefupw (libpq's own variable; the store never reads a password itself)
#   KEFU_TEST_PG_ADMIN  conninfo of the superuser postgres over the unix socket (trust), for
#                       tests that create databases of their own
# The server is stopped and the dir removed when COMMAND ends, whatever happens; COMMAND's exit
# status is the script's. A missing PostgreSQL is a loud failure, never a skip.
set -uo pipefail

PGBIN=${KEFU_PGBIN:-}
if [ -z "$PGBIN" ]; then
  for v in 17 16 15 14 13; do
    [ -x "/usr/lib/postgresql/$v/bin/initdb" ] && { PGBIN=/usr/lib/postgresql/$v/bin; break; }
  done
fi
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "postgres-run.sh: PostgreSQL server binaries are missing (apt-get install postgresql)" >&2
  exit 1
fi
command -v psql >/dev/null || { echo "postgres-run.sh: psql is missing (package postgresql-client)" >&2; exit 1; }

D=$(mktemp -d /tmp/kefu-pg.XXXXXX)
PG_PID=
cleanup() {
  if [ -n "$PG_PID" ] && kill -0 "$PG_PID" 2>/dev/null; then
    kill -INT "$PG_PID" 2>/dev/null             # fast shutdown
    for _ in $(seq 50); do kill -0 "$PG_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$PG_PID" 2>/dev/null
  fi
  rm -rf "$D"
}
trap cleanup EXIT

# initdb and postgres refuse to run as root: as root they run as the stock postgres user,
# through setpriv, which execs without forking (so $! is the postmaster).
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "postgres-run.sh: no postgres user (package postgresql)" >&2; exit 1; }
  chown postgres:postgres "$D"
  AS=(setpriv --reuid=postgres --regid=postgres --init-groups)
else
  AS=()
fi

if ! "${AS[@]}" "$PGBIN/initdb" -D "$D/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
       -E UTF8 --locale=C.UTF-8 --no-sync >"$D/initdb.log" 2>&1; then
  echo "postgres-run.sh: initdb failed:" >&2; cat "$D/initdb.log" >&2; exit 1
fi

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 40000))
}

# A port found free can be taken before the server binds it: try a few.
for attempt in 1 2 3 4 5; do
  PORT=$(free_port)
  # fsync=off and friends: throwaway test data only, never for real data.
  "${AS[@]}" "$PGBIN/postgres" -D "$D/data" -p "$PORT" -c listen_addresses=127.0.0.1 \
      -c unix_socket_directories="$D" -c fsync=off -c synchronous_commit=off \
      -c full_page_writes=off -c max_connections=100 </dev/null >>"$D/postgres.log" 2>&1 &
  PG_PID=$!
  for _ in $(seq 100); do
    "$PGBIN/pg_isready" -q -h "$D" -p "$PORT" && break
    kill -0 "$PG_PID" 2>/dev/null || break
    sleep 0.1
  done
  "$PGBIN/pg_isready" -q -h "$D" -p "$PORT" && break
  kill -INT "$PG_PID" 2>/dev/null; wait "$PG_PID" 2>/dev/null; PG_PID=
done
if [ -z "$PG_PID" ]; then
  echo "postgres-run.sh: the server did not start:" >&2; cat "$D/postgres.log" >&2; exit 1
fi

if ! psql -X -q -v ON_ERROR_STOP=1 -h "$D" -p "$PORT" -U postgres -d postgres >"$D/psql.log" 2>&1 <<'SQL'
CREATE ROLE kefu LOGIN PASSWORD 'kefupw';
CREATE DATABASE kefu OWNER kefu;
SQL
then
  echo "postgres-run.sh: creating the role and database failed:" >&2; cat "$D/psql.log" >&2; exit 1
fi

export KEFU_TEST_PG="host=127.0.0.1 port=$PORT user=kefu dbname=kefu"
export KEFU_TEST_PG_URI="postgresql://kefu@127.0.0.1:$PORT/kefu"
export KEFU_TEST_PG_ADMIN="host=$D port=$PORT user=postgres dbname=postgres"
export PGPASSWORD=kefupw
"$@"
exit $?
