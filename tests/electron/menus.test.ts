// Menus and spelling as the built main process sets them up: standard Edit
// roles (so the usual shortcuts work), developer tools only in unpackaged
// runs, and a spelling context menu that acts on the word under the pointer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  copyBuiltApp,
  launchMain,
  type AppCopy,
  type RunningMain,
  type StandinConfig,
} from '../support/electronStandin/launchMain';

// Each spec starts real processes; slow CI runners (Windows) get room before a test counts as hung.
vi.setConfig({ testTimeout: 60_000 });

interface Item {
  role?: string;
  label?: string;
  type?: string;
  enabled?: boolean;
  submenu?: Item[];
}

let app: AppCopy;
const running: RunningMain[] = [];
const temps: string[] = [];

beforeAll(() => {
  app = copyBuiltApp();
}, 300_000);
afterEach(async () => {
  await Promise.all(running.splice(0).map((main) => main.stop()));
});
afterAll(() => {
  app?.dispose();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

async function started(config: StandinConfig = {}): Promise<{ main: RunningMain; webContentsId: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'copydesk-standin-data-'));
  temps.push(dataDir);
  const main = launchMain(app, { dataDir, config });
  running.push(main);
  const { webContentsId } = await main.windowLoaded();
  return { main, webContentsId };
}

const roles = (items: Item[]): string[] =>
  items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu ?? [])]);

describe('application menu', () => {
  it('has the standard edit roles, and developer tools in an unpackaged run', async () => {
    const { main } = await started();
    const menu = await main.op<Item[]>('applicationMenu');
    expect(menu).not.toBeNull();
    const all = roles(menu);
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']) expect(all).toContain(role);
    expect(all).toContain('toggleDevTools');
  });

  it('a packaged app has no developer tools in its menu', async () => {
    const { main } = await started({ isPackaged: true });
    const menu = await main.op<Item[]>('applicationMenu');
    expect(roles(menu)).not.toContain('toggleDevTools');
  });
});

describe('spelling context menu', () => {
  it('offers the suggestions first and replaces the word with the one clicked', async () => {
    const { main, webContentsId } = await started();
    const menu = await main.op<Item[]>('contextMenu', {
      webContentsId,
      params: {
        isEditable: true,
        misspelledWord: 'judegment',
        dictionarySuggestions: ['judgement', 'judgment'],
      },
    });
    expect(menu.slice(0, 2).map((item) => item.label)).toEqual(['judgement', 'judgment']);
    expect(roles(menu)).toEqual(expect.arrayContaining(['cut', 'copy', 'paste']));
    await main.op('clickPopupItem', { label: 'judgment' });
    expect(main.entries('webContents.replaceMisspelling').map((entry) => entry.word)).toEqual(['judgment']);
    await main.op('clickPopupItem', { label: 'Add to dictionary' });
    expect(main.entries('session.addWordToSpellCheckerDictionary').map((entry) => entry.word)).toEqual([
      'judegment',
    ]);
  });

  it('says so when there are no suggestions', async () => {
    const { main, webContentsId } = await started();
    const menu = await main.op<Item[]>('contextMenu', {
      webContentsId,
      params: { isEditable: true, misspelledWord: 'Khojali', dictionarySuggestions: [] },
    });
    expect(menu[0]).toMatchObject({ label: 'No suggestions', enabled: false });
  });

  it('shows nothing for a right-click outside text with nothing selected', async () => {
    const { main, webContentsId } = await started();
    expect(await main.op('contextMenu', { webContentsId, params: {} })).toBeNull();
  });

  it.skipIf(process.platform === 'darwin')(
    "checks spelling in the editor's languages that Chromium has dictionaries for",
    async () => {
      const { main } = await started({
        preferredLanguages: ['de-DE', 'fr', 'xx-YY'],
        spellCheckerLanguages: ['de', 'en-GB', 'en-US', 'fr'],
      });
      const set = await main.waitFor('session.setSpellCheckerLanguages');
      expect(set.languages).toEqual(['de', 'fr']);
    },
  );
});
