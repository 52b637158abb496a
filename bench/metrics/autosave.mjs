// Autosave of a 10k-word draft: main-process time of one drafts:save (the
// real dispatch: schema validation + repository save in one transaction),
// with the store's synchronous=FULL (an fsync per save). Peers in the same
// run: a bare better-sqlite3 INSERT OR REPLACE of the same bytes with the
// same settings (WAL, FULL) and with synchronous=NORMAL, and Copydesk's own
// save with synchronous=NORMAL, so the fsync's cost is visible. Then the
// same draft saved as the editor saves it while typing: the last paragraph
// changed and sent as a patch (src-shared/bodyPatch.ts), beside the whole
// body's save of the same run.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { emptyMeta, openServices, tempDataDir } from '../lib/app.mjs';
import { SERVICES_ENTRY } from '../lib/build.mjs';
import { formatMs, percentile } from '../lib/stats.mjs';
import { bodyEnvelopeJson, END_MARKER, generateParagraphs } from '../lib/text.mjs';
import { notMeasured } from './typing.mjs';

const WARM_UP = 5;

export async function autosaveBench({ app, quick, log }) {
  const saves = quick ? 50 : 200;
  const body = bodyEnvelopeJson(generateParagraphs(10_000, 42));
  // Each save differs (as typing makes it), so no layer can skip an unchanged write.
  const bodies = Array.from({ length: saves }, (_, i) => body.replace(END_MARKER, `${END_MARKER}${i}`));

  const barePeer = async (synchronous) => {
    const peerDir = await tempDataDir(`autosave-peer-${synchronous.toLowerCase()}`);
    const peerDb = new Database(join(peerDir, 'peer.sqlite'));
    peerDb.pragma('journal_mode = WAL');
    peerDb.pragma(`synchronous = ${synchronous}`);
    peerDb.exec('CREATE TABLE drafts (id TEXT PRIMARY KEY, body_json TEXT NOT NULL) STRICT');
    const insert = peerDb.prepare('INSERT OR REPLACE INTO drafts (id, body_json) VALUES (?, ?)');
    const times = bodies.map((text) => {
      const start = performance.now();
      insert.run('bench-draft-0001', text);
      return performance.now() - start;
    });
    peerDb.close();
    await rm(peerDir, { recursive: true, force: true });
    return times;
  };
  const peerFull = await barePeer('FULL');
  const peerNormal = await barePeer('NORMAL');

  // Copydesk's own save with synchronous=NORMAL, in the same run.
  const normalTimes = [];
  const normalDir = await tempDataDir('autosave-normal');
  try {
    const [id] = await app.seedDrafts(normalDir, [{ headline: 'Bench autosave', bodyJson: body }]);
    const services = await openServices(normalDir, { synchronous: 'NORMAL' });
    try {
      const meta = emptyMeta('Bench autosave');
      let baseRevision = services.drafts.get(id).revision;
      const save = async (text) => {
        const result = await services.dispatch('drafts:save', { id, meta, body: text, baseRevision });
        if (!result.ok) throw new Error(result.error.message);
        baseRevision = result.value.revision;
      };
      for (let i = 0; i < WARM_UP; i += 1) await save(bodies[i]);
      for (const text of bodies) {
        const start = performance.now();
        await save(text);
        normalTimes.push(performance.now() - start);
      }
    } finally {
      services.close();
    }
  } finally {
    await rm(normalDir, { recursive: true, force: true });
  }

  const dispatchTimes = [];
  const repositoryTimes = [];
  const patchTimes = [];
  let failure = null;
  const dataDir = await tempDataDir('autosave');
  try {
    const [id] = await app.seedDrafts(dataDir, [{ headline: 'Bench autosave', bodyJson: body }]);
    const services = await openServices(dataDir);
    try {
      const meta = emptyMeta('Bench autosave');
      // Each save names the revision it was based on, as the editor's does.
      let baseRevision = services.drafts.get(id).revision;
      // Warm-up (JIT, statement caches) is not what an editor sees on the 200th save; it is left out.
      for (let i = 0; i < WARM_UP; i += 1) {
        const warm = await services.dispatch('drafts:save', { id, meta, body: bodies[i], baseRevision });
        if (!warm.ok) throw new Error(warm.error.message);
        baseRevision = warm.value.revision;
      }
      for (const text of bodies) {
        const start = performance.now();
        const result = await services.dispatch('drafts:save', { id, meta, body: text, baseRevision });
        dispatchTimes.push(performance.now() - start);
        if (!result.ok) throw new Error(result.error.message);
        baseRevision = result.value.revision;
      }
      for (const text of bodies) {
        const start = performance.now();
        services.drafts.save({ id, meta, body: text });
        repositoryTimes.push(performance.now() - start);
      }
      // What the editor sends while typing: the one paragraph typed in, as a patch on the last save.
      const { diffBodyParts, hashText, splitBody } = await import(SERVICES_ENTRY);
      let parts = splitBody(body);
      const base = await services.dispatch('drafts:save', {
        id,
        meta,
        body,
        baseRevision: services.drafts.get(id).revision,
      });
      if (!base.ok || parts === null) throw new Error('the patch row could not store its base body');
      baseRevision = base.value.revision;
      const last = parts.blocks.length - 1;
      for (let i = 0; i < WARM_UP + saves; i += 1) {
        const blocks = [...parts.blocks];
        blocks[last] = blocks[last].replace(END_MARKER, `${END_MARKER}${i}`);
        const next = { ...parts, blocks, hashes: [...parts.hashes.slice(0, last), hashText(blocks[last])] };
        const bodyPatch = diffBodyParts(parts, next);
        const start = performance.now();
        const result = await services.dispatch('drafts:save', { id, meta, bodyPatch, baseRevision });
        if (i >= WARM_UP) patchTimes.push(performance.now() - start);
        if (!result.ok) throw new Error(result.error.message);
        baseRevision = result.value.revision;
        parts = next;
      }
    } finally {
      services.close();
    }
  } catch (error) {
    failure = error;
    log(`autosave failed: ${error.message}`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const has = dispatchTimes.length === saves;
  const kb = Math.round(Buffer.byteLength(body) / 1024);
  const patchRows = [50, 99].map((p) => ({
    metric: `Autosave of the same draft as a patch (the last paragraph changed): main-process time per drafts:save, p${p} of ${saves}`,
    target: '—',
    copydesk: patchTimes.length === saves ? formatMs(percentile(patchTimes, p)) : notMeasured(failure),
    peers: `the whole body's drafts:save above, same run: ${has ? formatMs(percentile(dispatchTimes, p)) : 'not measured'}`,
    value: patchTimes.length === saves ? percentile(patchTimes, p) : Number.NaN,
  }));
  return [50, 99]
    .map((p) => ({
      metric: `Autosave of a 10k-word draft (${kb} kB body JSON): main-process time per drafts:save, p${p} of ${saves}`,
      target: p === 99 ? '≤ 20 ms' : '—',
      copydesk: has
        ? `${formatMs(percentile(dispatchTimes, p))} (repository save alone ${formatMs(percentile(repositoryTimes, p))})`
        : notMeasured(failure),
      peers:
        `bare better-sqlite3 INSERT OR REPLACE of the same bytes (WAL): synchronous=FULL ${formatMs(percentile(peerFull, p))}, NORMAL ${formatMs(percentile(peerNormal, p))}; ` +
        `Copydesk's save with synchronous=NORMAL ${normalTimes.length === saves ? formatMs(percentile(normalTimes, p)) : 'not measured'}`,
      value: has ? percentile(dispatchTimes, p) : Number.NaN,
      ...(p === 99 ? { targetValue: 20 } : {}),
    }))
    .concat(patchRows);
}
