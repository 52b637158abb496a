// The app:* and links:* channels: what the renderer shows about where it runs,
// and the one way a link leaves the app.
import { AppFailure, type Handlers, type Notice, type ShellKind } from '../../src-shared/ipc';
import { safeExternalUrl } from '../../src-shared/links';

export const EXTERNAL_LINK_REFUSED = 'Copydesk only opens web (http, https) and email (mailto) links.';

/** The normalized URL when it may open outside the app; AppFailure otherwise. */
export function validateExternalUrl(url: string): string {
  const safe = safeExternalUrl(url.trim());
  if (safe === null) throw new AppFailure('invalid_input', EXTERNAL_LINK_REFUSED);
  return safe;
}

export interface AppHandlerOptions {
  shell: ShellKind;
  version: string;
  dataDir: string;
  notices: readonly Notice[];
  openExternal(url: string): Promise<void>;
}

export function createAppHandlers(options: AppHandlerOptions): Pick<Handlers, 'app:info' | 'links:open'> {
  return {
    'app:info': () => ({
      shell: options.shell,
      version: options.version,
      dataDir: options.dataDir,
      notices: [...options.notices],
    }),
    'links:open': async ({ url }) => {
      await options.openExternal(validateExternalUrl(url)); // eng-disable OPEN_EXTERNAL_JS_CHECK
      return {};
    },
  };
}
