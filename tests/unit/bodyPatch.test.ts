// drafts:save with a body patch (src-shared/bodyPatch.ts), through the real
// dispatch on a real SQLite file: the stored text must be, save after save,
// exactly the page's text, and a patch that does not fit what the services
// hold must be refused without storing anything.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyMeta, type Draft } from '../../src-shared/article';
import {
  bodyDigest,
  diffBodyParts,
  hashText,
  joinBodyParts,
  splitBody,
  type BodyPatch,
  type HashedBodyParts,
} from '../../src-shared/bodyPatch';
import type { ChannelInput, ChannelOutput, Result } from '../../src-shared/ipc';
import type { Services } from '../../src-main/services/createServices';
import { KEPT_BODIES } from '../../src-main/services/drafts/bodyPatches';
import { articleBody } from '../support/publishHarness';
import { openQuietServices } from '../support/quietServices';
import { seededRandom } from '../support/seededRandom';

let dir: string;
let services: Services;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'copydesk-patch-'));
  services = openQuietServices(dir);
});
afterEach(() => {
  services.close();
  rmSync(dir, { recursive: true, force: true });
});

function paragraph(text: string): string {
  return JSON.stringify({
    children: [{ detail: 0, format: 0, mode: 'normal', style: '', text, type: 'text', version: 1 }],
    direction: null,
    format: '',
    indent: 0,
    type: 'paragraph',
    version: 1,
    textFormat: 0,
    textStyle: '',
  });
}

function hashed(head: string, blocks: string[], tail: string): HashedBodyParts {
  return { head, blocks, tail, hashes: blocks.map(hashText) };
}

async function save(input: ChannelInput<'drafts:save'>): Promise<Result<ChannelOutput<'drafts:save'>>> {
  return (await services.dispatch('drafts:save', input)) as Result<ChannelOutput<'drafts:save'>>;
}

async function storedDraft(id: string): Promise<Draft> {
  const result = await services.dispatch('drafts:get', { id });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Draft;
}

/** A draft saved whole once with `paragraphs`, and its parts as the page holds them. */
async function savedDraft(
  paragraphs: string[],
): Promise<{ id: string; revision: number; parts: HashedBodyParts }> {
  const created = await services.dispatch('drafts:create', {});
  if (!created.ok) throw new Error(created.error.message);
  const draft = created.value as Draft;
  const parts = splitBody(articleBody(paragraphs));
  if (!parts) throw new Error('the fixture body did not split');
  const next = hashed(parts.head, paragraphs.map(paragraph), parts.tail);
  const result = await save({
    id: draft.id,
    meta: emptyMeta(),
    body: joinBodyParts(next),
    baseRevision: draft.revision,
  });
  if (!result.ok) throw new Error(result.error.message);
  return { id: draft.id, revision: result.value.revision, parts: next };
}

describe('drafts:save with a body patch', () => {
  it('stores, save after save, exactly the text the page patched, whatever the edit', async () => {
    const next = seededRandom(20261202);
    const first = await savedDraft(Array.from({ length: 40 }, (_, i) => `Paragraph ${i} of the long read.`));
    const { id } = first;
    let { revision, parts } = first;
    const plainTail = parts.tail;
    let patched = 0;
    for (let round = 0; round < 120; round += 1) {
      const blocks = [...parts.blocks];
      const edits = 1 + Math.floor(next() * 3);
      for (let e = 0; e < edits; e += 1) {
        const at = Math.floor(next() * (blocks.length + 1));
        const kind = next();
        if (kind < 0.5 && at < blocks.length)
          blocks[at] = paragraph(`Typed in round ${round}, edit ${e}: “ünïcode” \u{1F4F0}`);
        else if (kind < 0.75)
          blocks.splice(
            at,
            0,
            ...Array.from({ length: 1 + Math.floor(next() * 4) }, (_, k) =>
              paragraph(`Pasted ${round}.${k}`),
            ),
          );
        else if (blocks.length > 1)
          blocks.splice(at, 1 + Math.floor(next() * Math.min(3, blocks.length - 1)));
      }
      // The root's own properties change too (direction after the first typed word, say).
      const tail = next() < 0.2 ? (round % 2 ? `,"direction":"ltr"${plainTail}` : plainTail) : parts.tail;
      const page = hashed(parts.head, blocks, tail);
      const patch = diffBodyParts(parts, page);
      if (patch.insert.length < blocks.length) patched += 1;
      const result = await save({ id, meta: emptyMeta(), bodyPatch: patch, baseRevision: revision });
      expect(result.ok, `round ${round}`).toBe(true);
      if (!result.ok) return;
      revision = result.value.revision;
      parts = page;
      const stored = await storedDraft(id);
      expect(stored.body, `round ${round}`).toBe(joinBodyParts(page));
      expect(stored.revision).toBe(revision);
    }
    // Most rounds sent a part of the body, not all of it.
    expect(patched).toBeGreaterThan(100);
  });

  it('refuses a patch of a body it does not hold, and stores nothing', async () => {
    const { id, parts } = await savedDraft(['One.', 'Two.', 'Three.']);
    const page = hashed(
      parts.head,
      [parts.blocks[0]!, paragraph('Two, edited.'), parts.blocks[2]!],
      parts.tail,
    );
    const patch = diffBodyParts(parts, page);
    /** Saves the base whole (so the services hold it), then sends `candidate` against `revisionOf(base)`. */
    const expectRefused = async (candidate: BodyPatch, revisionOf = (base: number) => base) => {
      const whole = await save({
        id,
        meta: emptyMeta(),
        body: joinBodyParts(parts),
        baseRevision: (await storedDraft(id)).revision,
      });
      if (!whole.ok) throw new Error(whole.error.message);
      const result = await save({
        id,
        meta: emptyMeta(),
        bodyPatch: candidate,
        baseRevision: revisionOf(whole.value.revision),
      });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('patch_base_missing');
      const after = await storedDraft(id);
      expect(after.body).toBe(joinBodyParts(parts));
      expect(after.revision).toBe(whole.value.revision);
    };

    // Another revision than the one it kept.
    await expectRefused(patch, (base) => base - 1);
    // A patch that does not fit, or whose result is not what the page digested.
    await expectRefused({ ...patch, at: 3 });
    await expectRefused({ ...patch, insert: [paragraph('Two, edited differently.')] });
    await expectRefused({ ...patch, insert: [paragraph('Two, edited, mistyped')] });
    await expectRefused({ ...patch, digest: (patch.digest + 1) >>> 0 });
    await expectRefused({ ...patch, length: patch.length + 1 });

    // After the services restart, they hold no body at all.
    const revision = (await storedDraft(id)).revision;
    services.close();
    services = openQuietServices(dir);
    const afterRestart = await save({ id, meta: emptyMeta(), bodyPatch: patch, baseRevision: revision });
    expect(afterRestart.ok).toBe(false);
    if (!afterRestart.ok) expect(afterRestart.error.code).toBe('patch_base_missing');

    // A whole save gives them the base again, and a patch on it is taken.
    const whole = await save({ id, meta: emptyMeta(), body: joinBodyParts(parts), baseRevision: revision });
    expect(whole.ok).toBe(true);
    if (!whole.ok) return;
    const result = await save({
      id,
      meta: emptyMeta(),
      bodyPatch: patch,
      baseRevision: whole.value.revision,
    });
    expect(result.ok).toBe(true);
    expect((await storedDraft(id)).body).toBe(joinBodyParts(page));
  });

  it('meets a conflict, not a stale base, after another writer stored a newer revision, and keeps the page text in History', async () => {
    const { id, revision, parts } = await savedDraft(['First version.']);
    const [entry] = services.drafts.listRevisions(id);
    const restored = await services.dispatch('history:restore', { draftId: id, seq: entry!.seq });
    expect(restored.ok).toBe(true);
    const page = hashed(parts.head, [paragraph('Edited on screen.')], parts.tail);
    const result = await save({
      id,
      meta: emptyMeta(),
      bodyPatch: diffBodyParts(parts, page),
      baseRevision: revision,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('conflict');
    const rejected = services.drafts
      .listRevisions(id)
      .find((version) => version.kind === 'conflict-rejected');
    expect(services.drafts.getRevision(id, rejected!.seq).body).toBe(joinBodyParts(page));
  });

  it(`keeps the last body of the ${KEPT_BODIES} drafts saved last`, async () => {
    const drafts: Array<Awaited<ReturnType<typeof savedDraft>>> = [];
    for (let i = 0; i <= KEPT_BODIES; i += 1) drafts.push(await savedDraft([`Draft ${i}.`]));
    const patchOf = (draft: (typeof drafts)[number]) =>
      diffBodyParts(draft.parts, hashed(draft.parts.head, [paragraph('Changed.')], draft.parts.tail));
    const oldest = drafts[0]!;
    const refused = await save({
      id: oldest.id,
      meta: emptyMeta(),
      bodyPatch: patchOf(oldest),
      baseRevision: oldest.revision,
    });
    expect(refused.ok).toBe(false);
    for (const draft of drafts.slice(1)) {
      const result = await save({
        id: draft.id,
        meta: emptyMeta(),
        bodyPatch: patchOf(draft),
        baseRevision: draft.revision,
      });
      expect(result.ok).toBe(true);
    }
  });

  it('takes either the whole body or a patch, never both or neither', async () => {
    const { id, revision, parts } = await savedDraft(['Only.']);
    const patch = diffBodyParts(parts, parts);
    expect(patch).toMatchObject({
      remove: 0,
      insert: [],
      digest: bodyDigest(parts.head, parts.hashes, parts.tail),
    });
    const both = await save({
      id,
      meta: emptyMeta(),
      body: joinBodyParts(parts),
      bodyPatch: patch,
      baseRevision: revision,
    });
    const neither = await save({ id, meta: emptyMeta(), baseRevision: revision });
    for (const result of [both, neither]) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
  });
});
