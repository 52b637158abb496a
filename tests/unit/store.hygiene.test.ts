// Item 15 (local part): the data folder Copydesk creates is 0700 and every
// file it writes there 0600; secret files are written by exclusive create,
// so a file or symlink planted beside them never receives a secret.
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../src-main/services/createServices';
import {
  createSafeStorageSecretStore,
  SAFE_STORAGE_SECRETS_FILE,
} from '../../src-main/electron/safeStorageSecretStore';
import {
  BROWSER_SHELL_SECRETS_FILE,
  createFileSecretStore,
} from '../../src-main/services/publish/fileSecretStore';
import type { SecretStore } from '../../src-main/services/publish/types';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'copydesk-hygiene-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe.skipIf(process.platform === 'win32')('file modes', () => {
  it('creates the data folder 0700 and the database, its WAL, the lock and backups 0600', async () => {
    const dataDir = join(dir, 'new', 'Copydesk');
    const services = createServices({
      dataDir,
      shell: 'browser',
      version: '1.0.0',
      backupIntervalMs: 0,
      mediaCleanupDelayMs: 0,
      openExternal: async () => {},
    });
    try {
      await services.dispatch('drafts:create', {});
      const backup = await services.backupNow();
      expect(backup).not.toBeNull();
      expect(mode(dataDir)).toBe('700');
      for (const name of [
        'copydesk.sqlite',
        'copydesk.sqlite-wal',
        'copydesk.sqlite-shm',
        'copydesk.lock',
        'copydesk.pid',
      ])
        expect(`${name} ${mode(join(dataDir, name))}`).toBe(`${name} 600`);
      expect(mode(join(dataDir, 'backups'))).toBe('700');
      expect(mode(backup!)).toBe('600');
    } finally {
      services.close();
    }
  });

  it('tightens a database file an older version left readable by others', () => {
    const dataDir = join(dir, 'data');
    createServices({
      dataDir,
      shell: 'browser',
      version: '1',
      backupIntervalMs: 0,
      mediaCleanupDelayMs: 0,
      openExternal: async () => {},
    }).close();
    const path = join(dataDir, 'copydesk.sqlite');
    // As an older Copydesk (umask 022) left it.
    chmodSync(path, 0o644);
    const services = createServices({
      dataDir,
      shell: 'browser',
      version: '1',
      backupIntervalMs: 0,
      mediaCleanupDelayMs: 0,
      openExternal: async () => {},
    });
    services.close();
    expect(mode(path)).toBe('600');
  });
});

const fakeSafeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (text: string) => Buffer.from(`enc:${text}`),
  decryptString: (blob: Buffer) => blob.toString().replace(/^enc:/, ''),
};

const stores: Array<[string, string, () => SecretStore]> = [
  ['browser shell file', BROWSER_SHELL_SECRETS_FILE, () => createFileSecretStore(dir)],
  [
    'Electron safeStorage file',
    SAFE_STORAGE_SECRETS_FILE,
    () => createSafeStorageSecretStore(dir, fakeSafeStorage, 'darwin'),
  ],
];

describe.each(stores)('secret file (%s)', (_label, fileName, make) => {
  it('never writes through a symlink planted at the old temporary name', () => {
    const outside = join(dir, 'attacker-owned.txt');
    writeFileSync(outside, 'before');
    symlinkSync(outside, join(dir, `${fileName}.tmp`));
    const secrets = make();
    secrets.set('target-1', 'app-password-1234');
    expect(readFileSync(outside, 'utf8')).toBe('before');
    expect(secrets.get('target-1')).toBe('app-password-1234');
    expect(lstatSync(join(dir, fileName)).isSymbolicLink()).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('replaces a file readable by others with an owner-only one', () => {
    const path = join(dir, fileName);
    writeFileSync(path, JSON.stringify({ secrets: {} }), { mode: 0o644 });
    make().set('target-2', 'token-5678');
    expect(mode(path)).toBe('600');
    expect(existsSync(`${path}.tmp`)).toBe(false);
  });
});
