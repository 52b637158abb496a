// Issue 10: the shell's event loop while the services work. The same three
// jobs run twice in one Node process, alternating, on fresh data folders:
//   before — the services on this thread (createServices + dispatch), as both
//            shells ran them until the worker;
//   after  — the services in the worker (out/main/services-worker.js started
//            as a worker thread through createServicesHost, as the browser
//            shell does; Electron forks the same entry with utilityProcess).
// perf_hooks.monitorEventLoopDelay samples this thread's loop (1 ms
// resolution) during each job; the figure is its p99. Jobs: importing a
// 24-MP JPEG (images:import), saving a 100k-word draft (drafts:save), and
// publishing a draft with 10 images to the local-folder target (publish:start
// until the outbox pushes "published").
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { REPO_ROOT, SERVICES_ENTRY } from '../lib/build.mjs';
import { emptyMeta, tempDataDir } from '../lib/app.mjs';
import { median, formatMs } from '../lib/stats.mjs';
import { bodyEnvelopeJson, generateParagraphs, lexicalStateOf, seededRandom } from '../lib/text.mjs';
import { bigJpeg } from './images.mjs';

const WORKER_ENTRY = join(REPO_ROOT, 'out/main/services-worker.js');
const TARGET_MS = 10;

function smallJpeg(seed) {
  const width = 1200;
  const height = 800;
  const random = seededRandom(seed);
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    const noise = (random() - 0.5) * 60;
    data[i] = Math.max(0, Math.min(255, ((i / 4) % width) * (255 / width) + noise));
    data[i + 1] = Math.max(0, Math.min(255, 128 + noise + seed * 9));
    data[i + 2] = Math.max(0, Math.min(255, 200 - noise));
    data[i + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ data, width, height }, 80).data);
}

/** One way to reach the services: invoke + pushed events + close. */
async function openInProcess(dataDir, mod) {
  const services = mod.createServices({
    dataDir,
    shell: 'browser',
    version: 'bench',
    openExternal: async () => {},
    backupIntervalMs: 0,
    mediaCleanupDelayMs: 0,
    log: { error: () => undefined },
  });
  const listeners = new Set();
  services.events.on((name, payload) => {
    for (const listener of listeners) listener(name, payload);
  });
  return {
    invoke: (channel, input) => services.dispatch(channel, input),
    listeners,
    close: async () => services.close(),
  };
}

async function openInWorker(dataDir, mod) {
  const listeners = new Set();
  const host = mod.createServicesHost({
    spawn: () => mod.spawnThreadWorker(WORKER_ENTRY),
    startOptions: () => ({ dataDir, shell: 'browser', version: 'bench' }),
    onEvent: (name, payload) => {
      for (const listener of listeners) listener(name, payload);
    },
    hostRequest: async () => {},
    onFatal: (message) => console.error(message),
    log: () => undefined,
  });
  await host.start();
  return { invoke: (channel, input) => host.invoke(channel, input), listeners, close: () => host.close() };
}

async function value(promise, what) {
  const result = await promise;
  if (!result.ok) throw new Error(`${what}: ${result.error.message}`);
  return result.value;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * p99 and max of this thread's event-loop delay while `work` runs, in ms. A
 * loop blocked by synchronous work records its delay only when the sampling
 * timer fires again, so sampling starts a little before and ends a little after.
 */
async function measure(work) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  await sleep(10);
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  await sleep(20);
  histogram.disable();
  return { p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6, ms };
}

async function runJobs(services, inputs) {
  // 0. nothing: the loop's delay on this machine right now (the floor both modes share)
  const idle = await measure(() => sleep(300));
  // 1. a 24-MP JPEG (fresh copy: the worker path moves the bytes it is given)
  const importJob = await measure(() =>
    value(
      services.invoke('images:import', { bytes: new Uint8Array(inputs.big), name: 'photo-24mp.jpg' }),
      'import',
    ),
  );
  // 2. a 100k-word draft
  const draft = await value(services.invoke('drafts:create', {}), 'create');
  const saveJob = await measure(() =>
    value(
      services.invoke('drafts:save', { id: draft.id, meta: emptyMeta('A long read'), body: inputs.longBody }),
      'save',
    ),
  );
  // 3. publishing 10 images to the local folder
  const figures = [];
  for (const [n, bytes] of inputs.small.entries()) {
    const { image } = await value(
      services.invoke('images:import', { bytes: new Uint8Array(bytes), name: `photo-${n}.jpg` }),
      'import small',
    );
    figures.push({
      ...image,
      caption: `Harbour view ${n + 1}`,
      credit: 'Bench Agency',
      alt: `A harbour, view ${n + 1}`,
    });
  }
  const story = await value(services.invoke('drafts:create', {}), 'create');
  const state = lexicalStateOf(generateParagraphs(600, 5));
  for (const figure of figures) state.root.children.push({ type: 'image-figure', version: 1, ...figure });
  await value(
    services.invoke('drafts:save', {
      id: story.id,
      meta: { ...emptyMeta('Ten pictures of the harbour'), standfirst: 'A dek.', byline: 'Bench Reporter' },
      body: JSON.stringify({ ...JSON.parse(bodyEnvelopeJson([])), editorState: state }),
    }),
    'save story',
  );
  const publishJob = await measure(async () => {
    let jobId = null;
    const published = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the publish did not finish within 120 s')), 120_000);
      const listener = (name, payload) => {
        const job = name === 'outbox:changed' ? payload.jobs.find((j) => j.id === jobId) : undefined;
        if (job?.state === 'published' || job?.state === 'failed') {
          clearTimeout(timer);
          services.listeners.delete(listener);
          if (job.state === 'failed') reject(new Error(`publish failed: ${job.lastError}`));
          else resolve();
        }
      };
      services.listeners.add(listener);
    });
    jobId = (await value(services.invoke('publish:start', { draftId: story.id }), 'publish')).id;
    await published;
  });
  return { idle, import: importJob, save: saveJob, publish: publishJob };
}

export async function eventLoopBench({ quick, log }) {
  if (!existsSync(SERVICES_ENTRY)) throw new Error('the app services entry was not built');
  if (!existsSync(WORKER_ENTRY)) throw new Error('out/main/services-worker.js is missing: run npm run build');
  const mod = await import(SERVICES_ENTRY);
  const inputs = {
    big: bigJpeg(),
    longBody: bodyEnvelopeJson(generateParagraphs(100_000, 10)),
    small: Array.from({ length: 10 }, (_, n) => smallJpeg(n + 1)),
  };
  const rounds = quick ? 2 : 5;
  const results = { before: [], after: [] };
  for (let round = 0; round < rounds; round += 1) {
    // Alternate the order so neither mode always runs on a warmer machine.
    const order = round % 2 === 0 ? ['before', 'after'] : ['after', 'before'];
    for (const mode of order) {
      const dataDir = await tempDataDir(`eventloop-${mode}`);
      const services =
        mode === 'before' ? await openInProcess(dataDir, mod) : await openInWorker(dataDir, mod);
      try {
        const run = await runJobs(services, inputs);
        results[mode].push(run);
        log(
          `eventloop round ${round + 1} ${mode}: p99 idle ${formatMs(run.idle.p99)}, import ${formatMs(run.import.p99)}, save ${formatMs(run.save.p99)}, publish ${formatMs(run.publish.p99)}`,
        );
      } finally {
        await services.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  }
  const jobs = [
    ['idle', 'Nothing (300 ms idle: the floor of this machine right now)'],
    ['import', 'Import a 24-MP JPEG (images:import)'],
    ['save', 'Save a 100k-word draft (drafts:save)'],
    ['publish', 'Publish a draft with 10 images to the local folder (publish:start → pushed "published")'],
  ];
  return jobs.map(([key, label]) => {
    const after = median(results.after.map((r) => r[key].p99));
    const before = median(results.before.map((r) => r[key].p99));
    const afterMax = Math.max(...results.after.map((r) => r[key].max));
    const beforeMax = Math.max(...results.before.map((r) => r[key].max));
    const afterMs = median(results.after.map((r) => r[key].ms));
    const beforeMs = median(results.before.map((r) => r[key].ms));
    return {
      metric: `Shell event-loop delay p99 while: ${label}`,
      target: key === 'idle' ? 'the floor' : `≤ ${TARGET_MS} ms`,
      copydesk: `${formatMs(after)} p99 (max ${formatMs(afterMax)}; job ${formatMs(afterMs)}) with the services in the worker`,
      peers: `before — services on the shell's thread: ${formatMs(before)} p99 (max ${formatMs(beforeMax)}; job ${formatMs(beforeMs)})`,
      value: after,
      ...(key === 'idle' ? { verdict: 'measured (the floor)' } : { targetValue: TARGET_MS }),
    };
  });
}
