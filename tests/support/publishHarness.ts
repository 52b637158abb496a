// Builds the real publishing stack on a temp data folder: SQLite store,
// drafts repository, targets, outbox with short backoff. Used by the
// publishing unit tests and reusable by the bench.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyMeta, type ArticleMeta } from '../../src-shared/article';
import { wrapEditorState, type SerializedNodeLike } from '../../src-shared/body';
import type { ImageRef } from '../../src-shared/image';
import { createDraftRepository, type DraftRepository } from '../../src-main/services/drafts/draftRepository';
import { createPublishAdapters } from '../../src-main/services/publish/adapters';
import { createFileSecretStore } from '../../src-main/services/publish/fileSecretStore';
import { createOutbox, type Outbox, type OutboxOptions } from '../../src-main/services/publish/outbox';
import {
  createTargetRepository,
  type TargetRepository,
} from '../../src-main/services/publish/targetRepository';
import type { SecretStore } from '../../src-main/services/publish/types';
import { openStore, type Store } from '../../src-main/services/store/openStore';

export interface PublishHarness {
  dataDir: string;
  store: Store;
  drafts: DraftRepository;
  targets: TargetRepository;
  secrets: SecretStore;
  outbox: Outbox;
  images: Map<string, Buffer>;
  /** Closes the database without stopping the worker: what a killed process leaves behind. */
  crash(): void;
  close(): Promise<void>;
}

export function tempDataDir(prefix = 'copydesk-publish-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function openHarness(dataDir: string, overrides: Partial<OutboxOptions> = {}): PublishHarness {
  const { store } = openStore({ dataDir });
  const now = () => Date.now();
  const drafts = createDraftRepository(store.db, now);
  const targets = createTargetRepository(store.db, now);
  const secrets = createFileSecretStore(dataDir);
  const images = new Map<string, Buffer>();
  const outbox = createOutbox({
    db: store.db,
    targets,
    adapters: createPublishAdapters(),
    secrets,
    drafts,
    readImage: async (hash) => {
      const bytes = images.get(hash);
      if (!bytes) throw new Error(`no image ${hash}`);
      return bytes;
    },
    now,
    backoff: { baseMs: 5, capMs: 40, maxRetryAfterMs: 30 },
    attemptTimeoutMs: 2_000,
    log: { error: () => undefined },
    ...overrides,
  });
  return {
    dataDir,
    store,
    drafts,
    targets,
    secrets,
    outbox,
    images,
    // Like a killed process: the database closes and the data-folder lock goes with it.
    crash: () => store.close(),
    async close() {
      await outbox.stop();
      store.close();
    },
  };
}

export function testImage(seed: number, overrides: Partial<ImageRef> = {}): { ref: ImageRef; bytes: Buffer } {
  const hash = seed.toString(16).padStart(64, '0');
  return {
    ref: {
      hash,
      mime: 'image/jpeg',
      width: 640,
      height: 480,
      caption: `Picture ${seed}`,
      credit: 'Test Agency',
      alt: `Test picture number ${seed}`,
      copyright: '',
      fromFile: { caption: false, credit: false, copyright: false },
      ...overrides,
    },
    bytes: Buffer.from(`fake image bytes ${seed}`),
  };
}

export function articleBody(paragraphs: string[], figures: ImageRef[] = []): string {
  const text = (value: string): SerializedNodeLike => ({ type: 'text', text: value, format: 0, version: 1 });
  const children: SerializedNodeLike[] = paragraphs.map((p) => ({
    type: 'paragraph',
    version: 1,
    children: [text(p)],
  }));
  for (const figure of figures) children.push({ type: 'image-figure', version: 1, ...figure });
  return JSON.stringify(wrapEditorState({ root: { type: 'root', version: 1, children } }));
}

/** Creates and saves a draft ready to publish. */
export function createArticle(
  harness: PublishHarness,
  headline: string,
  options: { figures?: ImageRef[]; lead?: ImageRef | null; meta?: Partial<ArticleMeta> } = {},
): string {
  const draft = harness.drafts.create();
  const meta: ArticleMeta = {
    ...emptyMeta(),
    headline,
    standfirst: 'A standfirst.',
    byline: 'Sam Reporter',
    leadImage: options.lead ?? null,
    ...options.meta,
  };
  harness.drafts.save({
    id: draft.id,
    meta,
    body: articleBody([`Body of ${headline}.`], options.figures ?? []),
  });
  return draft.id;
}
