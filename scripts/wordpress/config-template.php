<?php
// Copydesk's test WordPress. Written by scripts/wordpress/start.sh; loaded by
// Debian's /usr/share/wordpress/wp-config.php because the router sets
// WORDPRESS_CONFIG=copydesk-tests. Never a production configuration.
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '@DB_PASSWORD@');
define('DB_HOST', 'localhost:@WP_DIR@/mysql-run/mysqld.sock');
define('DB_CHARSET', 'utf8mb4');
define('WP_HOME', '@SITE_URL@');
define('WP_SITEURL', '@SITE_URL@');
define('WP_CONTENT_DIR', '@WP_DIR@/wp-content');
define('WP_CONTENT_URL', '@SITE_URL@/wp-content');
// php -S passes no environment to PHP; application passwords over plain http
// need the "local" environment type.
define('WP_ENVIRONMENT_TYPE', 'local');
// No internet here and a single-process server: no cron loopbacks, no update checks.
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', false);
define('FS_METHOD', 'direct');
define('AUTH_KEY', '@SALT@a');
define('SECURE_AUTH_KEY', '@SALT@b');
define('LOGGED_IN_KEY', '@SALT@c');
define('NONCE_KEY', '@SALT@d');
define('AUTH_SALT', '@SALT@e');
define('SECURE_AUTH_SALT', '@SALT@f');
define('LOGGED_IN_SALT', '@SALT@g');
define('NONCE_SALT', '@SALT@h');
$table_prefix = 'wp_';
