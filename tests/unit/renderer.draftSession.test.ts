// The renderer's DraftSession against the real services: its bridge is the
// real dispatch on a real SQLite file (what both shells put behind
// window.copydesk), so a stale save meets the real store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyMeta, type Draft } from '../../src-shared/article';
import { hashText, joinBodyParts, splitBody, type HashedBodyParts } from '../../src-shared/bodyPatch';
import { BRIDGE_GLOBAL, type ChannelInput, type CopydeskBridge } from '../../src-shared/ipc';
import type { Services } from '../../src-main/services/createServices';
import {
  flushAllSessions,
  openDraftSession,
  PATCH_MAX_CHARS,
  type DraftSession,
} from '../../src-renderer/autosave/draftSession';
import { articleBody } from '../support/publishHarness';
import { openQuietServices } from '../support/quietServices';

let dir: string;
let services: Services;
const sessions: DraftSession[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'copydesk-session-'));
  services = openQuietServices(dir);
  const bridge: CopydeskBridge = {
    shell: 'browser',
    invoke: (channel, input) => services.dispatch(channel, input),
    // No pushed events in these tests.
    on: () => () => undefined,
  };
  (globalThis as Record<string, unknown>).window = { [BRIDGE_GLOBAL]: bridge };
});
afterEach(async () => {
  services.store.db.pragma('query_only = OFF');
  await flushAllSessions();
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  services.close();
  delete (globalThis as Record<string, unknown>).window;
  rmSync(dir, { recursive: true, force: true });
});

async function stored(id: string): Promise<Draft> {
  const result = await services.dispatch('drafts:get', { id });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Draft;
}

async function createDraft(): Promise<Draft> {
  const result = await services.dispatch('drafts:create', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Draft;
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('DraftSession', () => {
  it('sends its base revision, follows its own saves, and on a conflict stops and keeps both texts', async () => {
    const draft = await createDraft();
    const { session } = openDraftSession(draft, () => undefined);
    sessions.push(session);
    let body = articleBody(['My first words.']);
    session.attachBody({ serialize: () => body });

    session.updateMeta({ ...emptyMeta(), headline: 'Mine, first save' });
    await session.flush();
    expect(session.getBaseRevision()).toBe(draft.revision + 1);
    session.updateMeta({ ...emptyMeta(), headline: 'Mine, second save' });
    await session.flush();
    expect((await stored(draft.id)).meta.headline).toBe('Mine, second save');

    // Another window saves the draft from the same revision.
    const other = await services.dispatch('drafts:save', {
      id: draft.id,
      meta: { ...emptyMeta(), headline: 'Theirs' },
      body: articleBody(['Their words.']),
      baseRevision: session.getBaseRevision(),
    });
    expect(other.ok).toBe(true);

    body = articleBody(['My later words.']);
    session.updateMeta({ ...emptyMeta(), headline: 'Mine, stale' });
    await session.flush();
    expect(session.getConflict()).toMatch(/saved elsewhere.*both versions are in History/);
    expect(session.getState().kind).not.toBe('saved');
    expect((await stored(draft.id)).meta.headline).toBe('Theirs');

    // Later edits never overwrite the newer text; each flush records them in History once.
    session.updateMeta({ ...emptyMeta(), headline: 'Mine, still stale' });
    await session.flush();
    await session.flush();
    expect((await stored(draft.id)).meta.headline).toBe('Theirs');

    const history = services.drafts.listRevisions(draft.id);
    expect(history.filter((entry) => entry.kind === 'conflict-kept')).toHaveLength(1);
    const rejected = history.filter((entry) => entry.kind === 'conflict-rejected');
    expect(rejected).toHaveLength(2);
    const first = services.drafts.getRevision(draft.id, rejected[1]!.seq);
    expect(first.meta.headline).toBe('Mine, stale');
    expect(first.body).toContain('My later words.');
    expect(services.drafts.getRevision(draft.id, rejected[0]!.seq).meta.headline).toBe('Mine, still stale');
  });

  it('reopening a draft whose save is still retrying reuses that session and its newer text', async () => {
    const draft = await createDraft();
    const first = openDraftSession(draft, () => undefined);
    sessions.push(first.session);
    first.session.attachBody({ serialize: () => articleBody(['Typed while the disk refused.']) });

    services.store.db.pragma('query_only = ON'); // the store refuses every write, as a full disk would
    first.session.updateMeta({ ...emptyMeta(), headline: 'Typed while failing' });
    await until(() => first.session.getState().kind === 'failed');
    void first.session.close(); // the editor switches to another draft; the session keeps retrying

    const staleStored = await stored(draft.id);
    expect(staleStored.meta.headline).toBe('');
    const again = openDraftSession(staleStored, () => undefined);
    expect(again.session).toBe(first.session);
    expect(again.draft.meta.headline).toBe('Typed while failing');
    expect(again.draft.body).toContain('Typed while the disk refused.');
    expect(again.draft.revision).toBe(staleStored.revision);

    services.store.db.pragma('query_only = OFF');
    await again.session.flush();
    expect(again.session.getConflict()).toBeNull();
    const saved = await stored(draft.id);
    expect(saved.meta.headline).toBe('Typed while failing');
    expect(saved.body).toContain('Typed while the disk refused.');
  });

  it('sends only the blocks changed since its last save, and the whole body once the services lost it', async () => {
    const draft = await createDraft();
    const { session } = openDraftSession(draft, () => undefined);
    sessions.push(session);
    const base = splitBody(articleBody(Array.from({ length: 12 }, (_, i) => `Paragraph ${i}.`)));
    if (base === null) throw new Error('the fixture did not split');
    const blocks = [...base.blocks];
    const current = (): HashedBodyParts => ({ ...base, blocks: [...blocks], hashes: blocks.map(hashText) });
    session.attachBody({ serialize: () => joinBodyParts(current()), parts: current });
    const sent: Array<ChannelInput<'drafts:save'>> = [];
    const bridge = (window as unknown as Record<string, CopydeskBridge>)[BRIDGE_GLOBAL]!;
    bridge.invoke = (channel, input) => {
      if (channel === 'drafts:save') sent.push(input as ChannelInput<'drafts:save'>);
      return services.dispatch(channel, input);
    };
    const edit = async (at: number, text: string) => {
      blocks[at] = JSON.stringify({
        type: 'paragraph',
        version: 1,
        children: [{ type: 'text', text, format: 0, version: 1 }],
      });
      session.markDirty();
      await session.flush();
      expect((await stored(draft.id)).body).toBe(joinBodyParts(current()));
      expect(session.getState().kind).toBe('saved');
    };

    await edit(3, 'The first save sends everything.');
    expect(sent.map((input) => 'body' in input && input.body !== undefined)).toEqual([true]);

    await edit(5, 'Then only this paragraph.');
    expect(sent[1]?.bodyPatch).toMatchObject({ at: 5, remove: 1, insert: [blocks[5]] });
    expect(sent[1]?.body).toBeUndefined();

    // The services restart and hold no body: the patch is refused and the whole body follows at once.
    services.close();
    services = openQuietServices(dir);
    const states: string[] = [];
    session.subscribe(() => states.push(session.getState().kind));
    await edit(7, 'Saved whole again after the restart.');
    // Without a failed save in between (no "Not saved" flash, no retry delay).
    expect(states).not.toContain('failed');
    expect(sent.slice(2).map((input) => (input.bodyPatch ? 'patch' : 'body'))).toEqual(['patch', 'body']);

    await edit(8, 'And patched again.');
    expect(sent[4]?.bodyPatch).toMatchObject({ at: 8, remove: 1 });

    // A change larger than a patch may carry (a long paste) goes whole.
    await edit(9, 'Pasted at length. '.repeat(Math.ceil(PATCH_MAX_CHARS / 18)));
    expect(sent[5]?.bodyPatch).toBeUndefined();
    expect(sent[5]?.body).toBe(joinBodyParts(current()));
    await edit(10, 'Small again, so a patch again.');
    expect(sent[6]?.bodyPatch).toMatchObject({ at: 10, remove: 1 });
  });

  it('starts a fresh session for a draft no session holds', async () => {
    const draft = await createDraft();
    const first = openDraftSession(draft, () => undefined);
    first.session.attachBody({ serialize: () => draft.body });
    await first.session.close();
    const second = openDraftSession(draft, () => undefined);
    sessions.push(second.session);
    expect(second.session).not.toBe(first.session);
    expect(second.draft).toBe(draft);
  });
});
