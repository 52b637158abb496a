<?php
/**
 * Plugin Name: Copydesk meta keys (test site)
 * Description: Registers the meta keys Copydesk writes, so the REST API keeps them.
 *
 * WordPress silently drops meta that is not registered with show_in_rest; a
 * real site adds the same snippet (docs/wordpress.md). start.sh installs this
 * file unless COPYDESK_WP_NO_META_PLUGIN=1, so both cases can be tested.
 */

add_action('init', function () {
    $text = [
        'type' => 'string',
        'single' => true,
        'show_in_rest' => true,
        'sanitize_callback' => 'sanitize_text_field',
        'auth_callback' => function () {
            return current_user_can('edit_posts');
        },
    ];
    // The image credit, on attachments (and posts, for a lead-image credit).
    register_post_meta('attachment', 'copydesk_credit', $text);
    register_post_meta('post', 'copydesk_credit', $text);
    // The publish job that last wrote the post (Copydesk also marks the content with it).
    register_post_meta('post', 'copydesk_idempotency_key', $text);
});
