// How the browser shell hands a validated link to the operating system.
import { spawn } from 'node:child_process';
import { safeExternalUrl } from '../../src-shared/links';

export type ExternalLinkMode = 'open' | 'log';

/**
 * `COPYDESK_EXTERNAL_LINKS=log` (set by the e2e launcher, and implied by
 * --headless) prints `COPYDESK_EXTERNAL_LINK <url>` instead of starting a
 * browser, so tests can see what would open without opening it.
 */
export function externalLinkMode(env: NodeJS.ProcessEnv, headless: boolean): ExternalLinkMode {
  return env.COPYDESK_EXTERNAL_LINKS === 'log' || headless ? 'log' : 'open';
}

export function createOpenExternal(mode: ExternalLinkMode): (url: string) => Promise<void> {
  return async (raw) => {
    const url = safeExternalUrl(raw);
    if (!url) throw new Error('Only http, https and mailto links can be opened outside Copydesk.');
    if (mode === 'log') {
      console.log(`COPYDESK_EXTERNAL_LINK ${url}`);
      return;
    }
    await openWithSystem(url);
  };
}

/** Opens a file the services vetted (a local-folder publication) with the system's default program. */
export function createOpenPath(mode: ExternalLinkMode): (path: string) => Promise<void> {
  return async (path) => {
    if (mode === 'log') {
      console.log(`COPYDESK_OPEN_PATH ${path}`);
      return;
    }
    await openWithSystem(path);
  };
}

async function openWithSystem(target: string): Promise<void> {
  const [command, args] =
    process.platform === 'win32'
      ? ['explorer.exe', [target]]
      : process.platform === 'darwin'
        ? ['open', [target]]
        : ['xdg-open', [target]];
  await new Promise<void>((resolveSpawn, rejectSpawn) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', shell: false });
    child.once('error', rejectSpawn);
    child.once('spawn', () => {
      child.unref();
      resolveSpawn();
    });
  });
}
