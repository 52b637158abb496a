<?php
// Router for PHP's built-in server in front of Debian's WordPress package.
// Debian keeps the code in /usr/share/wordpress (the docroot) and wp-content
// outside it, so /wp-content/* is served here from COPYDESK_WP_CONTENT_DIR;
// everything that is not a real file goes to WordPress's front controller.

// Debian's wp-config.php loads /etc/wordpress/config-<WORDPRESS_CONFIG>.php.
$_SERVER['WORDPRESS_CONFIG'] = 'copydesk-tests';

$contentDir = getenv('COPYDESK_WP_CONTENT_DIR') ?: '/tmp/copydesk-wp/wp-content';
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');

if (str_starts_with($path, '/wp-content/')) {
    $relative = substr($path, strlen('/wp-content/'));
    $file = realpath($contentDir . '/' . $relative);
    $root = realpath($contentDir);
    if ($file === false || $root === false || !str_starts_with($file, $root . '/') || !is_file($file)
        || preg_match('/\.php$/i', $file)) {
        http_response_code(404);
        echo 'Not found';
        return true;
    }
    $types = ['jpg' => 'image/jpeg', 'jpeg' => 'image/jpeg', 'png' => 'image/png', 'gif' => 'image/gif',
        'webp' => 'image/webp', 'avif' => 'image/avif', 'css' => 'text/css', 'js' => 'text/javascript'];
    $extension = strtolower(pathinfo($file, PATHINFO_EXTENSION));
    header('Content-Type: ' . ($types[$extension] ?? 'application/octet-stream'));
    header('Content-Length: ' . filesize($file));
    readfile($file);
    return true;
}

$docroot = $_SERVER['DOCUMENT_ROOT'];
if ($path !== '/' && is_file($docroot . $path)) {
    // A real file (wp-login.php, wp-admin/*.php, static assets): the server handles it.
    return false;
}
if ($path !== '/' && is_dir($docroot . $path) && is_file(rtrim($docroot . $path, '/') . '/index.php')) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $docroot . '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
require $docroot . '/index.php';
