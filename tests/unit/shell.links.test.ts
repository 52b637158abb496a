import { describe, expect, it } from 'vitest';
import { BROWSER_APP_ORIGIN, ELECTRON_APP_ORIGIN, isOnAppOrigin } from '../../src-main/shells/appOrigin';
import { chromiumArgs, findChromium } from '../../src-main/shells/chromiumPath';
import { safeExternalUrl } from '../../src-shared/links';
import { flushRenderer } from '../../src-main/shells/flushRenderer';

describe('safeExternalUrl', () => {
  it('lets http, https and mailto through, normalized', () => {
    expect(safeExternalUrl('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(safeExternalUrl('http://example.com')).toBe('http://example.com/');
    expect(safeExternalUrl('mailto:desk@example.com')).toBe('mailto:desk@example.com');
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'smb://server/share',
    'ms-settings:privacy',
    'data:text/html,<script>1</script>',
    'https://user:pass@example.com/',
    'not a url',
    `https://example.com/${'x'.repeat(2100)}`,
  ])('refuses %s', (url) => {
    expect(safeExternalUrl(url)).toBeNull();
  });
});

describe('isOnAppOrigin', () => {
  it('accepts only the exact scheme and host of the app origin', () => {
    expect(isOnAppOrigin('app://copydesk/index.html', ELECTRON_APP_ORIGIN)).toBe(true);
    expect(isOnAppOrigin('app://copydesk.evil/index.html', ELECTRON_APP_ORIGIN)).toBe(false);
    expect(isOnAppOrigin('https://copydesk/index.html', ELECTRON_APP_ORIGIN)).toBe(false);
    expect(isOnAppOrigin('https://app.copydesk.invalid/index.html', BROWSER_APP_ORIGIN)).toBe(true);
    expect(isOnAppOrigin('https://app.copydesk.invalid:8443/', BROWSER_APP_ORIGIN)).toBe(false);
    expect(isOnAppOrigin('https://x@app.copydesk.invalid/', BROWSER_APP_ORIGIN)).toBe(false);
    expect(isOnAppOrigin('about:blank', BROWSER_APP_ORIGIN)).toBe(false);
  });
});

describe('findChromium', () => {
  it('prefers COPYDESK_CHROMIUM and explains when it points nowhere', () => {
    expect(findChromium('linux', { COPYDESK_CHROMIUM: '/opt/c' }, (path) => path === '/opt/c')).toBe(
      '/opt/c',
    );
    expect(() => findChromium('linux', { COPYDESK_CHROMIUM: '/opt/none' }, () => false)).toThrow(
      /COPYDESK_CHROMIUM points to \/opt\/none/,
    );
  });

  it('says what to install when no browser is found', () => {
    expect(() => findChromium('linux', {}, () => false)).toThrow(/apt-get install chromium/);
    expect(findChromium('linux', {}, (path) => path === '/usr/bin/chromium')).toBe('/usr/bin/chromium');
  });
});

describe('chromiumArgs', () => {
  it('turns the sandbox off only as root and opens CDP only on 127.0.0.1 when asked', () => {
    const asUser = chromiumArgs({ headless: true }, false);
    expect(asUser).not.toContain('--no-sandbox');
    expect(asUser.some((arg) => arg.startsWith('--remote-debugging-port'))).toBe(false);
    const asRoot = chromiumArgs({ headless: true, remoteDebuggingPort: 9444 }, true);
    expect(asRoot).toContain('--no-sandbox');
    expect(asRoot).toContain('--remote-debugging-port=9444');
    expect(asRoot).toContain('--remote-debugging-address=127.0.0.1');
  });
});

describe('flushRenderer', () => {
  it('reports a flushed renderer, a missing hook and a failure', async () => {
    const quiet = (): void => undefined;
    expect(await flushRenderer(async () => 'flushed', 1000, quiet)).toBe('flushed');
    expect(await flushRenderer(async () => 'no-hook', 1000, quiet)).toBe('no-hook');
    expect(await flushRenderer(() => Promise.reject(new Error('gone')), 1000, quiet)).toBe('failed');
  });

  it('stops waiting for a hung renderer after the timeout', async () => {
    const messages: string[] = [];
    const started = Date.now();
    const outcome = await flushRenderer(
      () => new Promise(() => undefined),
      150,
      (message) => messages.push(message),
    );
    expect(outcome).toBe('timed-out');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(messages.join()).toMatch(/gave up waiting/);
  });
});
