// Electron's way to hand a validated link to the system browser.
import { shell } from 'electron';
import { safeExternalUrl } from '../../src-shared/links';
import type { ExternalLinkMode } from '../shells/openExternally';

export function createElectronOpenExternal(mode: ExternalLinkMode): (url: string) => Promise<void> {
  return async (raw) => {
    const url = safeExternalUrl(raw);
    if (!url) throw new Error('Only http, https and mailto links can be opened outside Copydesk.');
    if (mode === 'log') {
      console.log(`COPYDESK_EXTERNAL_LINK ${url}`);
      return;
    }
    // Only what safeExternalUrl let through: http, https or mailto without credentials.
    await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
  };
}
