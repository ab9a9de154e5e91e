#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, on 127.0.0.1 only.
#
#   pg-test-server.sh start DIR   initialises DIR/data on first use (owner: the current user, or
#                                 the `postgres` user when run as root, since initdb and postgres
#                                 refuse to run as root), starts the server on a free loopback
#                                 port (the same port again on a restart, saved in DIR/port),
#                                 waits until it accepts connections and prints its URL.
#   pg-test-server.sh stop DIR    stops it by the pid in DIR/data/postmaster.pid (fast shutdown:
#                                 open connections are cut), waiting at most 30 s.
#   pg-test-server.sh url DIR     prints the URL of the cluster in DIR.
#
# Authentication is `trust` on loopback: the cluster holds only test data and lives as long as
# one test run. The server's own log is DIR/server.log.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop|url DIR" >&2
  exit 2
}
[ $# -eq 2 ] || usage
command=$1
dir=$2

bin=${MEDIAGATE_PG_BIN:-}
if [ -z "$bin" ]; then
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
    bin=$(pg_config --bindir)
  else
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
fi
[ -n "$bin" ] && [ -x "$bin/postgres" ] || {
  echo "pg-test-server: no PostgreSQL server binaries (install the Debian package postgresql)" >&2
  exit 1
}

# Runs a command as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

url_of() {
  echo "postgresql://postgres@127.0.0.1:$(cat "$dir/port")/postgres"
}

# random_port: see test-ports.sh.
# shellcheck source=scripts/test-ports.sh
. "$(dirname "$0")/test-ports.sh"

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

server_pid() {
  [ -f "$dir/data/postmaster.pid" ] && head -n 1 "$dir/data/postmaster.pid"
}

start() {
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    # The postgres user must be able to reach DIR: a mktemp -d parent is 0700 root.
    chmod o+x "$(dirname "$dir")"
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
      --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
      cat "$dir/initdb.log" >&2
      exit 1
    }
  fi
  local port
  for _ in $(seq 1 20); do
    if [ -f "$dir/port" ]; then
      port=$(cat "$dir/port")
    else
      port=$(random_port)
      port_in_use "$port" && continue
    fi
    # -k: the Unix socket lives in DIR too, away from the system's /var/run/postgresql.
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" \
      >/dev/null; then
      echo "$port" >"$dir/port"
      url_of
      return 0
    fi
    # The saved port: the old server may still be letting go of it; 20 tries over ~5 s.
    sleep 0.25
  done
  echo "pg-test-server: could not start PostgreSQL (see $dir/server.log)" >&2
  tail -n 20 "$dir/server.log" >&2 || true
  exit 1
}

stop() {
  local pid
  pid=$(server_pid) || { echo "pg-test-server: not running in $dir" >&2; return 0; }
  kill -INT "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "pg-test-server: pid $pid did not stop in 30 s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
}

case $command in
  start) start ;;
  stop) stop ;;
  url) url_of ;;
  *) usage ;;
esac
