#!/usr/bin/env node
// npm run bench  →  builds the app when stale, then runs every benchmark and
// writes docs/benchmarks.md.
//
//   node bench/run.mjs [--only typing,paste,open,list,search,autosave,coldstart,crash,images,publish,checks,eventloop]
//                      [--quick] [--rounds N] [--no-write]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildPeers, buildServicesEntry, BENCH_OUT, PEERS_OUT, REPO_ROOT } from './lib/build.mjs';
import { launchPeerBrowser } from './lib/browser.mjs';
import { app } from './lib/app.mjs';
import { describeMachine } from './lib/machine.mjs';
import { mergeResults, renderMarkdown, verdictOf, writeMarkdown } from './lib/report.mjs';
import { typingBench } from './metrics/typing.mjs';
import { pasteBench } from './metrics/paste.mjs';
import { openBench } from './metrics/open.mjs';
import { listBench } from './metrics/list.mjs';
import { searchBench } from './metrics/search.mjs';
import { autosaveBench } from './metrics/autosave.mjs';
import { coldStartBench } from './metrics/coldstart.mjs';
import { crashBench } from './metrics/crash.mjs';
import { imagesBench } from './metrics/images.mjs';
import { publishBench } from './metrics/publish.mjs';
import { checksBench } from './metrics/checks.mjs';
import { eventLoopBench } from './metrics/eventloop.mjs';
import { METHODS } from './metrics/methods.mjs';

const GROUPS = {
  typing: { run: typingBench, browser: true },
  paste: { run: pasteBench, browser: true },
  open: { run: openBench, browser: true },
  list: { run: listBench, browser: true },
  search: { run: searchBench, browser: false },
  autosave: { run: autosaveBench, browser: false },
  coldstart: { run: coldStartBench, browser: false },
  crash: { run: crashBench, browser: false },
  images: { run: imagesBench, browser: true },
  publish: { run: publishBench, browser: false },
  checks: { run: checksBench, browser: true },
  eventloop: { run: eventLoopBench, browser: false },
};
const ORDER = Object.keys(GROUPS);

function parseOptions() {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(`Usage: node bench/run.mjs [--only ${ORDER.join(',')}] [--quick] [--rounds N] [--no-write]`);
    process.exit(0);
  }
  const only = values.only
    ? values.only
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : ORDER;
  const unknown = only.filter((name) => !GROUPS[name]);
  if (unknown.length > 0) {
    console.error(`Unknown benchmark ${unknown.join(', ')}. Choose from: ${ORDER.join(', ')}.`);
    process.exit(2);
  }
  const rounds = values.rounds === undefined ? (values.quick ? 20 : 500) : Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) {
    console.error('--rounds needs a whole number of at least 1.');
    process.exit(2);
  }
  return { only, quick: values.quick, rounds, write: !values['no-write'] };
}

async function main() {
  const options = parseOptions();
  const machine = describeMachine();
  const log = (message) => console.log(`[bench] ${message}`);
  log(
    `machine: ${machine.cpu} × ${machine.cores}, load ${machine.loadAverage}; mode ${options.quick ? 'quick' : 'full'}`,
  );
  await buildPeers();
  await buildServicesEntry().catch((error) => log(`could not build the services entry: ${error.message}`));

  const needsBrowser = options.only.some((name) => GROUPS[name].browser);
  const peers = needsBrowser ? await launchPeerBrowser(PEERS_OUT) : null;
  const ctx = {
    app,
    peers,
    quick: options.quick,
    samples: options.quick ? 60 : 300,
    rounds: options.rounds,
    log,
  };
  const groups = {};
  try {
    for (const name of options.only) {
      log(`— ${name}`);
      const started = Date.now();
      let rows;
      try {
        rows = await GROUPS[name].run(ctx);
      } catch (error) {
        log(`${name} failed: ${error.stack ?? error}`);
        rows = [
          {
            metric: name,
            target: '',
            copydesk: `not measured: ${String(error.message).split('\n')[0]}`,
            peers: '',
            value: Number.NaN,
          },
        ];
      }
      groups[name] = {
        date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
        mode: options.quick ? 'quick (fewer samples)' : 'full',
        detail: `${Math.round((Date.now() - started) / 1000)} s`,
        rows: rows.map((row) => ({
          ...row,
          verdict: verdictOf(row),
          value: Number.isNaN(row.value) ? null : row.value,
        })),
      };
      for (const row of rows) log(`${row.metric}: ${row.copydesk} | ${row.peers} | ${verdictOf(row)}`);
    }
  } finally {
    await peers?.browser.close();
  }

  if (!options.write) return;
  const merged = mergeResults(join(BENCH_OUT, 'results.json'), { machine, groups });
  const notes = [
    `Run on ${new Date().toISOString().slice(0, 10)}. This machine is shared (2 cores, several people building and testing at once), so figures are noisy; the peers ran in the same conditions, which is why they are beside every figure.`,
  ];
  if (options.quick)
    notes.push(
      'Quick mode: fewer samples (60 keystrokes per case, 20 crash rounds, fewer runs); percentiles such as p99 rest on few samples.',
    );
  writeMarkdown(
    join(REPO_ROOT, 'docs/benchmarks.md'),
    renderMarkdown({ machine, groups: merged.groups, order: ORDER, notes, methods: METHODS }),
  );
  log('wrote docs/benchmarks.md');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
