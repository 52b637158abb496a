// The browser shell's secret store: a local file readable only by this user
// (0600), clearly labelled as NOT a keychain. The Electron shell uses
// safeStorage instead (src-main/electron/safeStorageSecretStore.ts). Secrets
// never go to SQLite, the renderer or a log line.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFilePrivately } from '../store/durableFiles';
import type { SecretStore } from './types';

export const BROWSER_SHELL_SECRETS_FILE = 'publish-secrets.browser-shell.json';

interface SecretsFile {
  notice: string;
  secrets: Record<string, string>;
}

const NOTICE =
  'Copydesk browser shell: publish target passwords and tokens in PLAIN TEXT, readable by this user only (0600). ' +
  'The desktop app keeps them in the operating system keychain instead.';

export const BROWSER_SHELL_SECRET_WARNING =
  'This Copydesk runs in the browser shell, which has no access to the system keychain: passwords and tokens are kept in a file in the data folder that only your user account can read.';

export function createFileSecretStore(dataDir: string): SecretStore {
  const path = join(dataDir, BROWSER_SHELL_SECRETS_FILE);
  const read = (): Record<string, string> => {
    if (!existsSync(path)) return {};
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<SecretsFile>;
    return parsed.secrets ?? {};
  };
  // Exclusive create of a randomly named 0600 file, then a rename: a file or symlink planted
  // beside it can neither receive the secrets nor widen who may read them.
  const write = (secrets: Record<string, string>): void => {
    replaceFilePrivately(path, JSON.stringify({ notice: NOTICE, secrets } satisfies SecretsFile, null, 2));
  };
  return {
    kind: 'browser-shell-file',
    warning: BROWSER_SHELL_SECRET_WARNING,
    get: (targetId) => read()[targetId] ?? null,
    set(targetId, secret) {
      write({ ...read(), [targetId]: secret });
    },
    delete(targetId) {
      const secrets = read();
      if (!(targetId in secrets)) return;
      delete secrets[targetId];
      write(secrets);
    },
  };
}
