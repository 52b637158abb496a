#!/usr/bin/env bash
# Starts Copydesk's test WordPress (Debian's packages, no apache, no system
# services): MariaDB on a private datadir and socket, PHP's built-in server
# with router.php, site installed by install.php. Idempotent: a running site
# is reused, a stopped one restarted; first run ~2 min (apt), later ~5 s.
#
# Env: COPYDESK_WP_DIR (default /tmp/copydesk-wp), COPYDESK_WP_PORT (18380),
#      COPYDESK_WP_NO_META_PLUGIN=1 to run without the mu-plugin that
#      registers the credit meta key (tests the "meta dropped" warning).
# Prints the site URL; credentials in $COPYDESK_WP_DIR/credentials.json.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WP_DIR="${COPYDESK_WP_DIR:-/tmp/copydesk-wp}"
PORT="${COPYDESK_WP_PORT:-18380}"
SITE_URL="http://127.0.0.1:${PORT}"
CONFIG_FILE=/etc/wordpress/config-copydesk-tests.php
CREDENTIALS="$WP_DIR/credentials.json"
DB_RUN="$WP_DIR/mysql-run"  # socket, pid and log: writable by the mysql user
SOCKET="$DB_RUN/mysqld.sock"

log() { echo "[wordpress] $*" >&2; }
fail() { echo "[wordpress] ERROR: $*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo -n "$@"
  else fail "need root for: $*"; fi
}

install_packages() {
  local missing=()
  for pkg in wordpress php-cli php-mysql mariadb-server; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  log "installing ${missing[*]} (first run only, about 2 minutes; log in $WP_DIR/apt.log)"
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" \
      >>"$WP_DIR/apt.log" 2>&1; then
    as_root apt-get update >>"$WP_DIR/apt.log" 2>&1
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" \
      >>"$WP_DIR/apt.log" 2>&1 || fail "apt-get install failed, see $WP_DIR/apt.log"
  fi
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

sql() { mariadb --socket="$SOCKET" -uroot "$@"; }

start_mariadb() {
  if alive "$DB_RUN/mysqld.pid" && sql -e 'select 1' >/dev/null 2>&1; then return 0; fi
  local db_user=mysql
  id -u mysql >/dev/null 2>&1 || db_user="$(id -un)"
  if [ ! -d "$WP_DIR/mysql/mysql" ]; then
    log "initialising MariaDB in $WP_DIR/mysql"
    mkdir -p "$WP_DIR/mysql"
    if [ "$(id -u)" -eq 0 ]; then chown "$db_user" "$WP_DIR/mysql"; fi
    mariadb-install-db --no-defaults --datadir="$WP_DIR/mysql" --user="$db_user" \
      --auth-root-authentication-method=socket >"$WP_DIR/mariadb-install.log" 2>&1 \
      || fail "mariadb-install-db failed, see $WP_DIR/mariadb-install.log"
  fi
  mkdir -p "$DB_RUN"
  if [ "$(id -u)" -eq 0 ]; then chown "$db_user" "$DB_RUN"; fi
  # --no-defaults: the system's /etc/mysql config (and its service) stay untouched.
  mariadbd --no-defaults --datadir="$WP_DIR/mysql" --socket="$SOCKET" --pid-file="$DB_RUN/mysqld.pid" \
    --skip-networking --user="$db_user" --log-error="$DB_RUN/mysqld.log" \
    --innodb-buffer-pool-size=64M --skip-log-bin >/dev/null 2>&1 &
  for _ in $(seq 1 100); do
    sql -e 'select 1' >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  fail "MariaDB did not start, see $DB_RUN/mysqld.log"
}

write_config() {
  local password salt
  if [ -f "$WP_DIR/db-password" ]; then password="$(cat "$WP_DIR/db-password")"
  else password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"; echo "$password" >"$WP_DIR/db-password"; fi
  [ -f "$WP_DIR/salt" ] || head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$WP_DIR/salt"
  salt="$(cat "$WP_DIR/salt")"
  sql -e "CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4;
    CREATE USER IF NOT EXISTS 'wordpress'@'localhost' IDENTIFIED BY '$password';
    ALTER USER 'wordpress'@'localhost' IDENTIFIED BY '$password';
    GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';"
  sed -e "s|@DB_PASSWORD@|$password|g" -e "s|@WP_DIR@|$WP_DIR|g" -e "s|@SITE_URL@|$SITE_URL|g" \
    -e "s|@SALT@|$salt|g" "$SCRIPT_DIR/config-template.php" >"$WP_DIR/config.php.new"
  as_root install -m 0644 "$WP_DIR/config.php.new" "$CONFIG_FILE"
  rm -f "$WP_DIR/config.php.new"
}

prepare_content_dir() {
  mkdir -p "$WP_DIR/wp-content/uploads" "$WP_DIR/wp-content/mu-plugins" "$WP_DIR/wp-content/plugins" \
    "$WP_DIR/wp-content/themes"
  if [ "${COPYDESK_WP_NO_META_PLUGIN:-0}" = "1" ]; then
    rm -f "$WP_DIR/wp-content/mu-plugins/copydesk-meta.php"
  else
    cp "$SCRIPT_DIR/mu-plugins/copydesk-meta.php" "$WP_DIR/wp-content/mu-plugins/copydesk-meta.php"
  fi
}

start_php() {
  if alive "$WP_DIR/php.pid"; then return 0; fi
  if curl -s -o /dev/null --max-time 2 "$SITE_URL/"; then
    fail "something else already listens on 127.0.0.1:$PORT; stop it or set COPYDESK_WP_PORT"
  fi
  # The built-in server forks worker processes (PHP_CLI_SERVER_WORKERS); setsid puts
  # them in one process group, the server's pid, which stop.sh ends as a whole.
  COPYDESK_WP_CONTENT_DIR="$WP_DIR/wp-content" PHP_CLI_SERVER_WORKERS=4 \
    setsid php -d display_errors=0 -d log_errors=1 -d error_log="$WP_DIR/php-errors.log" \
      -d upload_max_filesize=64M -d post_max_size=80M -d memory_limit=256M \
      -S "127.0.0.1:$PORT" -t /usr/share/wordpress "$SCRIPT_DIR/router.php" >>"$WP_DIR/php-server.log" 2>&1 &
  echo $! >"$WP_DIR/php.pid"
  for _ in $(seq 1 50); do
    curl -s -o /dev/null "$SITE_URL/wp-json/" && return 0
    sleep 0.2
  done
  fail "PHP server did not answer on $SITE_URL, see $WP_DIR/php-server.log"
}

mkdir -p "$WP_DIR"
install_packages
start_mariadb
write_config
prepare_content_dir
php "$SCRIPT_DIR/install.php" "$SITE_URL" "$CREDENTIALS" >>"$WP_DIR/install.log" 2>&1 \
  || { cat "$WP_DIR/install.log" >&2; fail "install.php failed"; }
start_php
status="$(curl -s -o /dev/null -w '%{http_code}' "$SITE_URL/wp-json/")"
[ "$status" = "200" ] || fail "$SITE_URL/wp-json/ answered $status, see $WP_DIR/php-errors.log"
log "ready; credentials in $CREDENTIALS"
echo "$SITE_URL"
