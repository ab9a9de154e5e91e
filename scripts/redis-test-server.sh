#!/usr/bin/env bash
# A throwaway Redis for tests: Debian's redis-server on 127.0.0.1, no persistence, its files in
# DIR. Stopped by its pid (never by name).
#   redis-test-server.sh start DIR [PORT]  # prints redis://127.0.0.1:PORT once it answers PING
#   redis-test-server.sh stop DIR
# Without PORT a free one is found by trying random ports (a port taken meanwhile makes
# redis-server exit, and the next one is tried). DIR/redis.pid, DIR/redis.url, DIR/redis.log.
set -euo pipefail

usage() { echo "usage: $0 start DIR [PORT] | stop DIR" >&2; exit 2; }
[ $# -ge 2 ] || usage
command=$1
dir=$2

# random_port: see test-ports.sh.
# shellcheck source=scripts/test-ports.sh
. "$(dirname "$0")/test-ports.sh"

start_on() {  # port -> 0 when Redis answers, 1 when it could not start
  local port=$1
  LC_ALL=C redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --save "" \
    --appendonly no --daemonize no --protected-mode yes --databases 16 \
    --logfile "$dir/redis.log" </dev/null >>"$dir/redis.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do  # up to 10 s
    if ! kill -0 "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null || true; return 1; fi
    if [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = "PONG" ]; then
      echo "$pid" >"$dir/redis.pid"
      echo "redis://127.0.0.1:$port" >"$dir/redis.url"
      echo "redis://127.0.0.1:$port"
      return 0
    fi
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  return 1
}

case "$command" in
  start)
    command -v redis-server >/dev/null || { echo "redis-server is not installed" >&2; exit 1; }
    mkdir -p "$dir"
    if [ -f "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then
      echo "a Redis is already running for $dir (pid $(cat "$dir/redis.pid"))" >&2; exit 1
    fi
    if [ $# -ge 3 ]; then
      # The same port again (a restart): the old server may still be letting go of it.
      for _ in $(seq 1 20); do
        if start_on "$3"; then exit 0; fi
        sleep 0.25
      done
      echo "redis-server did not start on port $3 (see $dir/redis.log)" >&2
      exit 1
    fi
    for _ in $(seq 1 20); do
      port=$(random_port)
      if start_on "$port"; then exit 0; fi
    done
    echo "redis-server did not start (see $dir/redis.log)" >&2
    exit 1
    ;;
  stop)
    [ -f "$dir/redis.pid" ] || exit 0
    pid=$(cat "$dir/redis.pid")
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 100); do  # up to 10 s, then SIGKILL
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/redis.pid"
    ;;
  *) usage ;;
esac
