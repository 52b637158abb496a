// The test WordPress of scripts/wordpress/start.sh, as every spec that talks to
// it finds it: its credentials file, and an answer from its REST index. A
// credentials file alone is not enough — it outlives a stopped server.
import { existsSync, readFileSync } from 'node:fs';

export interface WordPressCredentials {
  siteUrl: string;
  username: string;
  applicationPassword: string;
  /** The mu-plugin that registers Copydesk's post meta is installed. */
  metaPlugin?: boolean;
}

export const WORDPRESS_CREDENTIALS_FILE =
  process.env.COPYDESK_WP_CREDENTIALS ?? '/tmp/copydesk-wp/credentials.json';

/** The credentials when the test WordPress answers, else why it cannot be used. */
export async function reachableWordPress(): Promise<WordPressCredentials | string> {
  const file = WORDPRESS_CREDENTIALS_FILE;
  if (!existsSync(file))
    return `${file} is absent. Start the test WordPress with scripts/wordpress/start.sh (or set COPYDESK_WP_CREDENTIALS).`;
  const found = JSON.parse(readFileSync(file, 'utf8')) as WordPressCredentials;
  try {
    const reply = await fetch(`${found.siteUrl}/?rest_route=/`, { signal: AbortSignal.timeout(10_000) });
    return reply.ok ? found : `the WordPress at ${found.siteUrl} answers HTTP ${reply.status}.`;
  } catch (error) {
    return `the WordPress at ${found.siteUrl} does not answer (${error instanceof Error ? error.message : String(error)}).`;
  }
}
