#!/usr/bin/env bash
# Checks the deployment examples in deploy/: the nginx site with `nginx -t` (wrapped in a
# minimal nginx.conf in a temporary directory, so neither root nor /etc/nginx is needed) and
# the systemd units (mediagate@.service, mediagate-tls.service) with `systemd-analyze verify`. A missing tool is reported and skipped.
# Usage: scripts/check-deploy.sh [MEDIAGATE_BINARY]   (default build/debug/src/cli/mediagate)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary=$(realpath -m "${1:-$root/build/debug/src/cli/mediagate}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
  mkdir -p "$work/nginx"
  cat >"$work/nginx/nginx.conf" <<CONF
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events {}
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  include $root/deploy/nginx-mediagate.conf;
}
CONF
  # Binding port 80 is not part of the check: -t only parses and validates.
  if "$nginx_bin" -t -q -p "$work/nginx" -c "$work/nginx/nginx.conf"; then
    echo "deploy/nginx-mediagate.conf: ok"
  else
    echo "deploy/nginx-mediagate.conf: FAILED" >&2
    status=1
  fi
else
  echo "nginx not installed: deploy/nginx-mediagate.conf not checked"
fi

if command -v systemd-analyze >/dev/null 2>&1; then
  # The unit names /usr/local/bin/mediagate: check a copy pointing at the built binary.
  if [ ! -x "$binary" ]; then
    echo "no mediagate binary at $binary: build first" >&2
    exit 1
  fi
  sed "s|/usr/local/bin/mediagate|$binary|" "$root/deploy/mediagate@.service" \
    >"$work/mediagate@.service"
  ln -s "mediagate@.service" "$work/mediagate@8080.service"
  sed "s|/usr/local/bin/mediagate|$binary|" "$root/deploy/mediagate-tls.service" \
    >"$work/mediagate-tls.service"
  for unit in mediagate@8080.service:mediagate@.service mediagate-tls.service:mediagate-tls.service; do
    if out=$(SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no \
               "$work/${unit%%:*}" 2>&1) && [ -z "$out" ]; then
      echo "deploy/${unit#*:}: ok"
    else
      printf '%s\n' "$out" >&2
      echo "deploy/${unit#*:}: FAILED" >&2
      status=1
    fi
  done
else
  echo "systemd-analyze not installed: deploy/mediagate@.service not checked"
fi
exit $status
