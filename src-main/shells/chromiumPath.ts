// Where the browser shell looks for a Chromium-family browser.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ShellOptions } from './shellOptions';

export function chromiumCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  const fromEnv = env.COPYDESK_CHROMIUM ? [env.COPYDESK_CHROMIUM] : [];
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
      (root): root is string => typeof root === 'string' && root !== '',
    );
    return [
      ...fromEnv,
      ...roots.flatMap((root) => [
        join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        join(root, 'Chromium', 'Application', 'chrome.exe'),
        join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      ]),
    ];
  }
  if (platform === 'darwin') {
    return [
      ...fromEnv,
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  return [
    ...fromEnv,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
  ];
}

/** The first candidate that exists, or an error that says what to install or set. */
export function findChromium(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): string {
  if (env.COPYDESK_CHROMIUM && !exists(env.COPYDESK_CHROMIUM)) {
    throw new Error(`COPYDESK_CHROMIUM points to ${env.COPYDESK_CHROMIUM}, but there is no file there.`);
  }
  const candidates = chromiumCandidates(platform, env);
  const found = candidates.find((candidate) => exists(candidate));
  if (found) return found;
  throw new Error(
    'The browser shell needs Chromium, Chrome or Edge and found none. Install Chromium ' +
      '(on Debian/Ubuntu: sudo apt-get install chromium) or set COPYDESK_CHROMIUM to its executable. ' +
      `Looked in: ${candidates.join(', ')}`,
  );
}

/** Chromium switches for the browser shell; `runningAsRoot` adds --no-sandbox, nothing else does. */
export function chromiumArgs(options: ShellOptions, runningAsRoot: boolean): string[] {
  return [
    // Chromium's sandbox cannot start as root (containers, CI); everywhere else it stays on.
    ...(runningAsRoot ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-extensions',
    '--no-first-run',
    '--no-default-browser-check',
    '--no-proxy-server',
    // The page talks only to this process: no host name resolves, so nothing can leave the machine.
    '--host-resolver-rules=MAP * ~NOTFOUND',
    ...(options.headless ? [] : ['--window-size=1280,860']),
    ...(options.remoteDebuggingPort
      ? [`--remote-debugging-port=${options.remoteDebuggingPort}`, '--remote-debugging-address=127.0.0.1']
      : []),
  ];
}
