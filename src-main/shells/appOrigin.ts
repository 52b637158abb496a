// The origin each shell serves the renderer from. Never file://: a custom
// origin gets its own storage, a CSP header and a sender check on every call.

/** Electron: a privileged standard scheme registered before the app is ready. */
export const ELECTRON_APP_SCHEME = 'app';
export const ELECTRON_APP_ORIGIN = 'app://copydesk';
/** Browser shell: served by context.route; `.invalid` can never resolve on a real network. */
export const BROWSER_APP_ORIGIN = 'https://app.copydesk.invalid';
export const APP_ENTRY_PATH = '/index.html';

/**
 * True when `url` is on `origin` (scheme and host compared, so it also works
 * for custom schemes, whose WHATWG `URL.origin` is the string "null").
 */
export function isOnAppOrigin(url: string, origin: string): boolean {
  let parsed: URL;
  let expected: URL;
  try {
    parsed = new URL(url);
    expected = new URL(origin);
  } catch {
    return false;
  }
  return (
    parsed.protocol === expected.protocol &&
    parsed.host === expected.host &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
