// The Checks panel's service through its channels, on a real SQLite file:
// spelling with suggestions, the personal and desk dictionaries, ignores kept
// per article, the spelling language, and the house style sheet file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, ChannelInput, ChannelOutput } from '../../src-shared/ipc';
import { createServices, type Services } from '../../src-main/services/createServices';
import { envelope, meta, p } from '../support/checksArticle';

let dataDir: string;
let services: Services;

const open = () =>
  createServices({
    dataDir,
    shell: 'browser',
    version: 'test',
    openExternal: async () => undefined,
    backupIntervalMs: 0,
    mediaCleanupDelayMs: 0,
  });

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'copydesk-checks-'));
  services = open();
});
afterEach(() => {
  services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await services.dispatch(channel, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as ChannelOutput<C>;
}

const BODY = envelope(
  p('The panel showed poor judegment about the Quillmere bridge.'),
  p('Later the Quillmere council met the the press.'),
);

async function run(draftId: string, body = BODY, overrides = {}) {
  return invoke('checks:run', { draftId, meta: meta(overrides), body });
}

describe('checks service', () => {
  it('finds a seeded misspelling at once, and "Replace with judgment" once its suggestions are computed', async () => {
    const { id } = await invoke('drafts:create', {});
    const first = (await run(id)).findings.find((f) => f.word === 'judegment');
    expect(first).toMatchObject({
      place: 'Body, paragraph 1',
      location: { field: 'body', nodeIndex: 0, text: 'judegment' },
    });
    // The check does not wait for suggestions (an unusual word can take seconds); the panel asks for them.
    expect(first?.fix).toBeUndefined();
    const { suggestions, language } = await invoke('checks:suggest', { words: ['judegment'] });
    expect(language).toBe('en-US');
    expect(suggestions.judegment?.[0]).toBe('judgment');
    const second = (await run(id)).findings.find((f) => f.word === 'judegment');
    expect(second).toMatchObject({
      fix: { label: 'Replace with judgment', replacement: 'judgment' },
      message: '“judegment” is not in the dictionary. Did you mean “judgment”?',
    });
  });

  it('accepts a word added to the personal or the desk dictionary, kept across a restart', async () => {
    const { id } = await invoke('drafts:create', {});
    const body = envelope(
      p('We met at the Quillmere boathouse. Then a quillmere and a brackwater were built.'),
    );
    expect((await run(id, body)).findings.map((f) => f.word).filter(Boolean)).toEqual([
      'quillmere',
      'brackwater',
    ]);
    await invoke('checks:addWord', { word: 'quillmere', dictionary: 'personal' });
    const settings = await invoke('checks:addWord', { word: 'brackwater', dictionary: 'desk' });
    expect(settings).toMatchObject({ personal: ['quillmere'], desk: ['brackwater'] });
    expect((await run(id, body)).findings.filter((f) => f.category === 'spelling')).toEqual([]);
    services.close();
    services = open();
    expect((await invoke('checks:settings', {})).personal).toEqual(['quillmere']);
    expect((await run(id, body)).findings.filter((f) => f.category === 'spelling')).toEqual([]);
    const refused = await services.dispatch('checks:addWord', { word: 'two words', dictionary: 'personal' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('keeps an ignored finding ignored for that article only', async () => {
    const a = await invoke('drafts:create', {});
    const b = await invoke('drafts:create', {});
    const repeated = (await run(a.id)).findings.find((f) => f.id === 'repeated-word')!;
    await invoke('checks:ignore', { draftId: a.id, key: repeated.key, ignored: true });
    const after = await run(a.id);
    expect(after.findings.some((f) => f.id === 'repeated-word')).toBe(false);
    expect(after.ignored.map((f) => f.id)).toEqual(['repeated-word']);
    expect((await run(b.id)).findings.some((f) => f.id === 'repeated-word')).toBe(true);
    await invoke('checks:ignore', { draftId: a.id, key: repeated.key, ignored: false });
    expect((await run(a.id)).findings.some((f) => f.id === 'repeated-word')).toBe(true);
  });

  it('switches between US and UK spelling', async () => {
    const { id } = await invoke('drafts:create', {});
    const body = envelope(p('The colour of the harbour changed.'));
    expect((await run(id, body)).findings.map((f) => f.word).filter(Boolean)).toEqual(['colour', 'harbour']);
    await invoke('checks:setLanguage', { language: 'en-GB' });
    const gb = await run(id, body);
    expect(gb.language).toBe('en-GB');
    expect(gb.findings.filter((f) => f.category === 'spelling')).toEqual([]);
  });

  it('writes the default style sheet, applies an edit to the file, and reports a broken file while using the defaults', async () => {
    const { id } = await invoke('drafts:create', {});
    const sheet = await invoke('checks:getStyleSheet', {});
    expect(sheet.path).toBe(join(dataDir, 'house-style.yaml'));
    expect(readFileSync(sheet.path, 'utf8')).toContain('Khojali: Khojaly');
    const body = envelope(p('The Brackwater mill opened.'));
    writeFileSync(sheet.path, 'preferred:\n  Brackwater: Brackwater Mill Trust\n', 'utf8');
    expect((await run(id, body)).findings.find((f) => f.id === 'style-preferred')?.fix?.replacement).toBe(
      'Brackwater Mill Trust',
    );
    writeFileSync(sheet.path, 'preferred: [this is: wrong\n', 'utf8');
    const broken = await run(id, envelope(p('Send an e-mail.')));
    expect(broken.styleSheetError).toMatch(/house-style\.yaml cannot be used, so the shipped defaults apply/);
    expect(broken.findings.find((f) => f.id === 'style-preferred')?.fix?.replacement).toBe('email');
    const refused = await services.dispatch('checks:saveStyleSheet', {
      text: 'numbers:\n  spellOutBelow: many\n',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!refused.ok && refused.error.message).toMatch(/not saved.*numbers\.spellOutBelow/);
    expect(readFileSync(sheet.path, 'utf8')).toBe('preferred: [this is: wrong\n');
  });

  it('finds the same name spelled two ways with the commoner spelling as the fix', async () => {
    const { id } = await invoke('drafts:create', {});
    const body = envelope(
      p('Quillmere voted.'),
      p('In Quillmere the vote was close.'),
      p('Quillmire turned out.'),
    );
    const variant = (await run(id, body, { headline: 'Quillmere votes' })).findings.filter(
      (f) => f.id === 'name-variant',
    );
    expect(variant).toHaveLength(1);
    expect(variant[0]).toMatchObject({ place: 'Body, paragraph 3', fix: { replacement: 'Quillmere' } });
  });
});
