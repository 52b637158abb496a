#!/usr/bin/env bash
# Stops the test WordPress started by start.sh (its own PHP server and MariaDB
# only, by their recorded pids). Data stays; add --wipe to delete it too.
set -euo pipefail
WP_DIR="${COPYDESK_WP_DIR:-/tmp/copydesk-wp}"

# target: a pid, or "-<pgid>" for a whole process group (the PHP server and its workers).
stop_pid_file() {
  local file="$1" name="$2" group="$3"
  [ -f "$file" ] || return 0
  local pid target
  pid="$(cat "$file")"
  target="$pid"
  [ "$group" = "group" ] && target="-$pid"
  if kill -0 -- "$target" 2>/dev/null; then
    kill -TERM -- "$target" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 -- "$target" 2>/dev/null || break; sleep 0.2; done
    if kill -0 -- "$target" 2>/dev/null; then kill -KILL -- "$target" 2>/dev/null || true; fi
    echo "[wordpress] stopped $name ($pid)" >&2
  fi
  rm -f "$file"
}

stop_pid_file "$WP_DIR/php.pid" "PHP server" group
stop_pid_file "$WP_DIR/mysql-run/mysqld.pid" "MariaDB" single
if [ "${1:-}" = "--wipe" ]; then
  rm -rf "$WP_DIR"
  rm -f /etc/wordpress/config-copydesk-tests.php
  echo "[wordpress] removed $WP_DIR" >&2
fi
