<?php
// Installs the test site and writes credentials.json. Run by start.sh with
// php-cli: install.php <siteUrl> <credentialsFile>. Idempotent: an installed
// site keeps its posts; a fresh application password is written each run.
if (PHP_SAPI !== 'cli') {
    exit(1);
}
[$script, $siteUrl, $credentialsFile] = $argv + [null, null, null];
if (!$siteUrl || !$credentialsFile) {
    fwrite(STDERR, "usage: php install.php <siteUrl> <credentialsFile>\n");
    exit(2);
}
$parts = parse_url($siteUrl);
$_SERVER['HTTP_HOST'] = $parts['host'] . (isset($parts['port']) ? ':' . $parts['port'] : '');
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
$_SERVER['WORDPRESS_CONFIG'] = 'copydesk-tests';
define('WP_INSTALLING', true);

require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$username = 'copydesk';
// No mail transport here; the welcome mail would only log an error.
add_filter('pre_wp_mail', '__return_false');
if (!is_blog_installed()) {
    $result = wp_install('Copydesk test site', $username, 'copydesk@example.invalid', false, '',
        wp_generate_password(24, false));
    fwrite(STDOUT, "installed WordPress, admin user {$username}\n");
}
update_option('permalink_structure', '/%year%/%monthnum%/%postname%/');
update_option('timezone_string', 'UTC');
flush_rewrite_rules(false);

$user = get_user_by('login', $username);
if (!$user) {
    fwrite(STDERR, "admin user {$username} is missing\n");
    exit(1);
}
// One application password per run; older ones from earlier runs are removed.
foreach (WP_Application_Passwords::get_user_application_passwords($user->ID) as $item) {
    if ($item['name'] === 'copydesk-tests') {
        WP_Application_Passwords::delete_application_password($user->ID, $item['uuid']);
    }
}
$created = WP_Application_Passwords::create_new_application_password($user->ID, ['name' => 'copydesk-tests']);
if (is_wp_error($created)) {
    fwrite(STDERR, 'could not create an application password: ' . $created->get_error_message() . "\n");
    exit(1);
}
$credentials = [
    'siteUrl' => $siteUrl,
    'username' => $username,
    'applicationPassword' => WP_Application_Passwords::chunk_password($created[0]),
    'metaPlugin' => is_file(WP_CONTENT_DIR . '/mu-plugins/copydesk-meta.php'),
];
file_put_contents($credentialsFile . '.tmp', json_encode($credentials, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");
rename($credentialsFile . '.tmp', $credentialsFile);
fwrite(STDOUT, "credentials written to {$credentialsFile}\n");
