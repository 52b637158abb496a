#!/usr/bin/env bash
# Stops the test WordPress started by start.sh (its own PHP server and MariaDB
# only, by their recorded pids). Data stays; add --wipe to delete it too.
set -euo pipefail
WP_DIR="${COPYDESK_WP_DIR:-/tmp/copydesk-wp}"

stop_pid_file() {
  local file="$1" name="$2"
  [ -f "$file" ] || return 0
  local pid; pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "[wordpress] stopped $name ($pid)" >&2
  fi
  rm -f "$file"
}

stop_pid_file "$WP_DIR/php.pid" "PHP server"
stop_pid_file "$WP_DIR/mysql-run/mysqld.pid" "MariaDB"
if [ "${1:-}" = "--wipe" ]; then
  rm -rf "$WP_DIR"
  rm -f /etc/wordpress/config-copydesk-tests.php
  echo "[wordpress] removed $WP_DIR" >&2
fi
