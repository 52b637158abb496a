import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyMeta } from '../../src-shared/article';
import { createPublishService } from '../../src-main/services/publish/publishService';
import { createFileSecretStore } from '../../src-main/services/publish/fileSecretStore';
import { createDraftRepository } from '../../src-main/services/drafts/draftRepository';
import { openStore } from '../../src-main/services/store/openStore';
import { articleBody, tempDataDir } from '../support/publishHarness';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup() {
  const dataDir = tempDataDir();
  const { store } = openStore({ dataDir });
  const drafts = createDraftRepository(store.db, Date.now);
  const opened: string[] = [];
  const publishing = createPublishService({
    db: store.db,
    dataDir,
    drafts,
    secrets: createFileSecretStore(dataDir),
    readImage: () => Promise.reject(new Error('no images in this test')),
    now: Date.now,
    openPath: async (path) => {
      opened.push(path);
    },
    log: { error: () => undefined },
  });
  publishing.start();
  cleanups.push(async () => {
    await publishing.stop();
    store.close();
  });
  return { dataDir, drafts, publishing, opened };
}

describe('publish:openLocal', () => {
  it('opens the index.html a local-folder publish recorded, and nothing else', async () => {
    const s = setup();
    const draft = s.drafts.create();
    s.drafts.save({
      id: draft.id,
      meta: { ...emptyMeta(), headline: 'Ferry timetable changes', standfirst: 'From Monday.' },
      body: articleBody(['Boats leave every hour.'], []),
    });
    const job = await s.publishing.handlers['publish:start']({ draftId: draft.id });
    await s.publishing.outbox.settled();
    const url = s.publishing.outbox.get(job.id).url!;
    expect(url.startsWith('file:')).toBe(true);

    await s.publishing.handlers['publish:openLocal']({ url });
    expect(s.opened).toEqual([
      join(s.dataDir, 'Copydesk Published', 'ferry-timetable-changes', 'index.html'),
    ]);

    const stranger = join(s.dataDir, 'not-published.html');
    writeFileSync(stranger, '<p>not ours</p>');
    await expect(
      Promise.resolve().then(() =>
        s.publishing.handlers['publish:openLocal']({ url: pathToFileURL(stranger).href }),
      ),
    ).rejects.toThrow(/only opens pages it published/);
    await expect(
      Promise.resolve().then(() =>
        s.publishing.handlers['publish:openLocal']({ url: 'https://example.org/' }),
      ),
    ).rejects.toThrow(/only opens pages it published/);
    expect(s.opened).toHaveLength(1);
  });
});
