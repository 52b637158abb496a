import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Draft } from '../../src-shared/article';
import { CHANNELS, type Result } from '../../src-shared/ipc';
import { createServices, type Services } from '../../src-main/services/createServices';

let dir: string;
let services: Services;
let opened: string[];
const quietLog = { error() {} };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'copydesk-dispatch-'));
  opened = [];
  services = createServices({
    dataDir: dir,
    shell: 'browser',
    version: '9.9.9',
    backupIntervalMs: 0,
    log: quietLog,
    openExternal: async (url) => {
      opened.push(url);
    },
  });
});
afterEach(() => {
  services.close();
  rmSync(dir, { recursive: true, force: true });
});

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('dispatch over the real services', () => {
  it('has a handler for every channel in the contract', () => {
    for (const channel of CHANNELS) expect(typeof services.handlers[channel]).toBe('function');
  });

  it('answers app:info with the shell, version, data folder and start-up notices', async () => {
    expect(value(await services.dispatch('app:info', {}))).toEqual({
      shell: 'browser',
      version: '9.9.9',
      dataDir: dir,
      notices: [],
    });
  });

  it('runs a draft through create, save, get, delete and restore', async () => {
    const draft = value<Draft>(await services.dispatch('drafts:create', {}));
    const saved = value<{ revision: number; wordCount: number }>(
      await services.dispatch('drafts:save', {
        id: draft.id,
        meta: { ...draft.meta, headline: 'Through dispatch' },
        body: draft.body,
        baseRevision: draft.revision,
      }),
    );
    expect(saved).toMatchObject({ revision: 1, wordCount: 0 });
    expect(value<Draft>(await services.dispatch('drafts:get', { id: draft.id })).meta.headline).toBe(
      'Through dispatch',
    );
    value(await services.dispatch('drafts:delete', { id: draft.id }));
    expect(value<{ drafts: unknown[] }>(await services.dispatch('drafts:list', {})).drafts).toEqual([]);
    value(await services.dispatch('drafts:restore', { id: draft.id }));
    expect(
      value<{ drafts: unknown[] }>(await services.dispatch('drafts:list', { query: 'dispatch' })).drafts,
    ).toHaveLength(1);
  });

  it('rejects invalid input with a readable message naming the field', async () => {
    const result = await services.dispatch('drafts:get', { id: '../../etc/passwd' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) {
      expect(result.error.message).toContain('The request "drafts:get" was not valid');
      expect(result.error.message).toContain('not a draft id');
    }
    const extra = await services.dispatch('drafts:list', { query: 'x', sql: 'DROP TABLE drafts' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('rejects an unknown channel by name', async () => {
    expect(await services.dispatch('drafts:dropAll', {})).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Copydesk does not know the request "drafts:dropAll".' },
    });
  });

  it('turns a body that is not a Copydesk body into invalid_input, not an internal error', async () => {
    const draft = value<Draft>(await services.dispatch('drafts:create', {}));
    const result = await services.dispatch('drafts:save', {
      id: draft.id,
      meta: draft.meta,
      body: '<p>html</p>',
      baseRevision: draft.revision,
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'The draft was not saved: The article body is not valid JSON.',
      },
    });
  });

  it('opens only http, https and mailto links', async () => {
    value(await services.dispatch('links:open', { url: 'https://example.org/a?b=c' }));
    value(await services.dispatch('links:open', { url: 'mailto:desk@example.org' }));
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'not a url',
      'data:text/html,x',
      'app://x',
    ]) {
      expect(await services.dispatch('links:open', { url })).toEqual({
        ok: false,
        error: {
          code: 'invalid_input',
          message: 'Copydesk only opens web (http, https) and email (mailto) links.',
        },
      });
    }
    expect(opened).toEqual(['https://example.org/a?b=c', 'mailto:desk@example.org']);
  });

  it('closes once: a second close does nothing', () => {
    services.close();
    expect(() => services.close()).not.toThrow();
  });

  it('takes a backup at start once drafts exist, and not again the same day', async () => {
    value(await services.dispatch('drafts:create', {}));
    const path = await services.backupNow();
    expect(path).toMatch(/backups[/\\]copydesk-\d{4}-\d{2}-\d{2}\.sqlite$/);
    expect(await services.backupNow()).toBeNull();
  });
});
