// Publish target secrets in the Electron shell: each secret encrypted with
// safeStorage (Keychain on macOS, DPAPI on Windows, libsecret/kwallet on
// Linux) and kept as base64 in one file in the data folder (0600). Plain text
// never touches the disk, SQLite, the renderer or a log line. Linux without
// a keyring falls back to "basic_text" (a hard-coded key): we warn before storing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import type { SecretStore } from '../services/publish/types';
import { replaceFilePrivately } from '../services/store/durableFiles';
import type { MirroredSecrets } from '../worker/protocol';

export const SAFE_STORAGE_SECRETS_FILE = 'publish-secrets.safestorage.json';

export const BASIC_TEXT_WARNING =
  'Your Linux desktop has no keyring that Copydesk can use (safeStorage backend "basic_text"), so passwords and tokens are only obscured, not truly encrypted. Install and unlock GNOME Keyring or KWallet to protect them.';

type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?: () => string;
};

export interface SafeStorageSecretStore extends SecretStore {
  /** Target ids that have a stored secret. */
  ids(): string[];
  encryptionAvailable(): boolean;
}

export function createSafeStorageSecretStore(
  dataDir: string,
  safeStorage: SafeStorageLike,
  platform = process.platform,
): SafeStorageSecretStore {
  const path = join(dataDir, SAFE_STORAGE_SECRETS_FILE);
  const read = (): Record<string, string> => {
    if (!existsSync(path)) return {};
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { secrets?: Record<string, string> };
    return parsed.secrets ?? {};
  };
  // Exclusive create of a randomly named 0600 file, then a rename (store/durableFiles.ts).
  const write = (secrets: Record<string, string>): void => {
    replaceFilePrivately(path, JSON.stringify({ format: 'copydesk.safestorage.v1', secrets }, null, 2));
  };
  const requireEncryption = (): void => {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error(
        'The system keychain is not available, so Copydesk cannot store the password or token safely.',
      );
    }
  };
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  return {
    kind: 'os-keychain',
    warning: backend === 'basic_text' ? BASIC_TEXT_WARNING : null,
    ids: () => Object.keys(read()),
    encryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    get(targetId) {
      const blob = read()[targetId];
      if (!blob) return null;
      requireEncryption();
      return safeStorage.decryptString(Buffer.from(blob, 'base64'));
    },
    set(targetId, secret) {
      requireEncryption();
      write({ ...read(), [targetId]: safeStorage.encryptString(secret).toString('base64') });
    },
    delete(targetId) {
      const secrets = read();
      if (!(targetId in secrets)) return;
      delete secrets[targetId];
      write(secrets);
    },
  };
}

/**
 * The stored secrets decrypted, for the services worker (which cannot reach
 * safeStorage). A secret that cannot be decrypted is left out and reported;
 * the worker then treats that target as having no secret.
 */
export function secretsForWorker(store: SafeStorageSecretStore): MirroredSecrets {
  const values: Record<string, string> = {};
  const encryptionAvailable = store.encryptionAvailable();
  if (encryptionAvailable) {
    for (const id of store.ids()) {
      try {
        const secret = store.get(id);
        if (secret !== null) values[id] = secret;
      } catch (error) {
        console.error(`Copydesk could not read the stored secret of publish target ${id}:`, error);
      }
    }
  }
  return { warning: store.warning, encryptionAvailable, values };
}
