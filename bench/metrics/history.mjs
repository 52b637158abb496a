// History storage for one draft over a simulated 8-hour working day: a
// keystroke every 300 ms (96,000 of them), saved by the renderer's real
// autosave scheduler (debounce and max-wait as in the app) through the real
// dispatch("drafts:save") on a real SQLite file, with the clock simulated so
// the day takes minutes, not hours. The editor types an article of about
// 1,000 words and keeps rewriting it (typing, deleting, moving the cursor).
//
// Reports the bytes History stores for that draft, next to two peers computed
// from the same versions: each version as plain JSON (what draft_revisions
// stored before schema 7) and each version deflated on its own.
//
//   node bench/metrics/history.mjs [--hours 8]
//
// Standalone on purpose (not part of `npm run bench`): it needs no browser.
import { mkdtemp, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import { build } from 'vite';
import { BENCH_OUT, REPO_ROOT } from '../lib/build.mjs';
import { bodyEnvelopeJson, generateParagraphs, seededRandom } from '../lib/text.mjs';
import { emptyMeta } from '../lib/app.mjs';

const ENTRY = join(BENCH_OUT, 'history/history.mjs');
const KEYSTROKE_MS = 300;
/** Above this many characters the editor deletes as much as it types. */
const REWRITE_AT = 7_000;

async function buildEntry() {
  const external = ['better-sqlite3', ...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
  await build({
    configFile: false,
    logLevel: 'warn',
    root: REPO_ROOT,
    build: {
      ssr: join(REPO_ROOT, 'bench/entries/history.ts'),
      outDir: dirname(ENTRY),
      emptyOutDir: true,
      minify: false,
      rolldownOptions: { external, output: { format: 'es', entryFileNames: 'history.mjs' } },
    },
    ssr: { noExternal: true, external: ['better-sqlite3'] },
  });
}

/** Timers that fire only when the simulation says so. */
function simulatedTimers(clock) {
  let nextId = 1;
  const pending = new Map();
  return {
    now: () => clock.time,
    setTimeout(callback, ms) {
      const id = nextId++;
      pending.set(id, { at: clock.time + ms, callback });
      return id;
    },
    clearTimeout(id) {
      pending.delete(id);
    },
    /** The earliest timer due at or before `time`, removed from the queue. */
    takeDue(time) {
      let found = null;
      for (const [id, timer] of pending) {
        if (timer.at <= time && (found === null || timer.at < found[1].at)) found = [id, timer];
      }
      if (found) pending.delete(found[0]);
      return found?.[1] ?? null;
    },
  };
}

export async function historyBench({ hours = 8, log = console.log } = {}) {
  await buildEntry();
  const { createServices, createAutosaveScheduler } = await import(ENTRY);
  const dataDir = await mkdtemp(join(tmpdir(), 'copydesk-bench-history-'));
  const clock = { time: Date.UTC(2026, 0, 5, 8, 0, 0) };
  const services = createServices({
    dataDir,
    shell: 'browser',
    version: 'bench',
    openExternal: async () => {},
    backupIntervalMs: 0,
    mediaCleanupDelayMs: 0,
    clock: { now: () => clock.time },
  });
  try {
    const draft = services.drafts.create();
    const random = seededRandom(2026);
    const source = generateParagraphs(40_000, 7).join(' ');
    let sourceAt = 0;
    const paragraphs = [''];
    let cursor = { paragraph: 0, offset: 0 };
    let length = 0;
    let baseRevision = draft.revision;
    let saves = 0;
    let inFlight = Promise.resolve();
    const meta = { ...emptyMeta('A day at the desk'), standfirst: 'Rewritten all day long.' };

    const timers = simulatedTimers(clock);
    const scheduler = createAutosaveScheduler({
      timers,
      onState: () => {},
      save: () => {
        const body = bodyEnvelopeJson(paragraphs.filter((text) => text !== ''));
        inFlight = services
          .dispatch('drafts:save', { id: draft.id, meta, body, baseRevision })
          .then((result) => {
            if (!result.ok) throw new Error(result.error.message);
            baseRevision = result.value.revision;
            saves += 1;
          });
        return inFlight;
      },
    });

    const keystroke = () => {
      if (random() < 1 / 200) {
        const paragraph = Math.floor(random() * paragraphs.length);
        cursor = { paragraph, offset: Math.floor(random() * (paragraphs[paragraph].length + 1)) };
      }
      const text = paragraphs[cursor.paragraph];
      const deleting = length > REWRITE_AT ? random() < 0.5 : random() < 0.08;
      if (deleting) {
        if (cursor.offset === 0) return;
        paragraphs[cursor.paragraph] = text.slice(0, cursor.offset - 1) + text.slice(cursor.offset);
        cursor.offset -= 1;
        length -= 1;
      } else if (text.length > 500 && random() < 1 / 80) {
        paragraphs.splice(cursor.paragraph + 1, 0, text.slice(cursor.offset));
        paragraphs[cursor.paragraph] = text.slice(0, cursor.offset);
        cursor = { paragraph: cursor.paragraph + 1, offset: 0 };
      } else {
        const char = source[sourceAt % source.length];
        sourceAt += 1;
        paragraphs[cursor.paragraph] = text.slice(0, cursor.offset) + char + text.slice(cursor.offset);
        cursor.offset += 1;
        length += 1;
      }
    };

    const keystrokes = Math.round((hours * 3_600_000) / KEYSTROKE_MS);
    const start = clock.time;
    const runDue = async (until) => {
      for (let timer = timers.takeDue(until); timer; timer = timers.takeDue(until)) {
        clock.time = timer.at;
        timer.callback();
        await inFlight;
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const wallStart = performance.now();
    for (let i = 0; i < keystrokes; i += 1) {
      const at = start + i * KEYSTROKE_MS;
      await runDue(at);
      clock.time = at;
      keystroke();
      scheduler.markDirty();
    }
    await runDue(start + keystrokes * KEYSTROKE_MS + 10_000);
    await scheduler.flush();
    const wallMs = performance.now() - wallStart;

    const entries = services.drafts.listRevisions(draft.id);
    const db = services.store.db;
    const stored = db
      .prepare(
        `SELECT count(*) AS n, sum(length(content)) AS content, sum(length(image_refs)) AS refs, sum(size) AS raw,
           sum(codec = 'delta') AS deltas FROM draft_history WHERE draft_id = ?`,
      )
      .get(draft.id);
    let deflatedAlone = 0;
    for (const entry of entries) {
      const version = services.drafts.getRevision(draft.id, entry.seq);
      deflatedAlone += deflateRawSync(`${JSON.stringify(version.meta)}\n${version.body}`).length;
    }
    let tablePages = null;
    try {
      tablePages = db
        .prepare(`SELECT sum(pgsize) AS bytes FROM dbstat WHERE name = 'draft_history'`)
        .get().bytes;
    } catch {
      // dbstat is not compiled into every SQLite build.
    }
    const final = services.drafts.get(draft.id);
    const result = {
      hours,
      keystrokes,
      saves,
      revisions: stored.n,
      deltaRows: stored.deltas,
      finalWords: entries[0]?.wordCount ?? 0,
      finalBodyBytes: Buffer.byteLength(final.body),
      storedBytes: stored.content + stored.refs,
      plainJsonBytes: stored.raw,
      deflatedAloneBytes: deflatedAlone,
      tablePagesBytes: tablePages,
      wallMs: Math.round(wallMs),
    };
    log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    services.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { hours: { type: 'string', default: '8' } } });
  await historyBench({ hours: Number(values.hours) });
}
