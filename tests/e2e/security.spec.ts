import { expect, test, type Frame } from '@playwright/test';
import { launchApp, type LaunchedApp } from './support/launchApp';

let app: LaunchedApp;
test.beforeAll(async () => {
  app = await launchApp();
});
test.afterAll(async () => {
  expect(await app.close()).toBe(0);
});

/**
 * Runs `leave` (something that tries to take the window elsewhere) and checks that the window
 * stayed on the very same document: no navigation of the main frame at all (not even to an error
 * page), and a marker set on the page beforehand still there, so the app was not reloaded and
 * nothing typed in it was dropped.
 */
async function expectSameDocumentAfter(
  leave: () => Promise<void>,
  settled?: () => Promise<void>,
): Promise<void> {
  const navigations: string[] = [];
  const onNavigated = (frame: Frame): void => {
    if (frame === app.page.mainFrame()) navigations.push(frame.url());
  };
  app.page.on('framenavigated', onNavigated);
  try {
    await app.page.evaluate(() => {
      (window as unknown as { sameDocument?: boolean }).sameDocument = true;
    });
    await leave();
    await settled?.();
    // A refused navigation that commits anything (an error page, then a reload) does so well within this.
    await app.page.waitForTimeout(1_000);
  } finally {
    app.page.off('framenavigated', onNavigated);
  }
  expect(navigations).toEqual([]);
  expect(new URL(app.page.url()).pathname).toBe('/index.html');
  expect(app.page.url().startsWith('https://') || app.page.url().startsWith('app://')).toBe(true);
  expect(await app.page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
    true,
  );
  expect(await app.page.evaluate(() => typeof window.copydesk.invoke)).toBe('function');
}

test('navigation to an outside URL is blocked, the window keeps its page, and the link goes to the system browser instead', async () => {
  const origin = new URL(app.page.url()).origin;
  await expectSameDocumentAfter(
    () =>
      app.page.evaluate(() => {
        window.location.href = 'https://example.com/outside';
      }),
    () => expect.poll(() => app.output()).toContain('COPYDESK_EXTERNAL_LINK https://example.com/outside'),
  );
  expect(new URL(app.page.url()).origin).toBe(origin);
});

test('navigation to a file: URL is blocked, the window keeps its page, and the URL is never handed to the OS', async () => {
  await expectSameDocumentAfter(() =>
    app.page.evaluate(() => {
      window.location.href = 'file:///etc/passwd';
    }),
  );
  expect(app.output()).not.toContain('COPYDESK_EXTERNAL_LINK file:');
});

test('window.open is denied and a target=_blank link leaves no new window, and the window keeps its page', async () => {
  await expectSameDocumentAfter(
    async () => {
      expect(await app.page.evaluate(() => window.open('https://example.com/popup') === null)).toBe(true);
      await app.page.evaluate(() => {
        const link = document.createElement('a');
        link.href = 'https://example.com/blank';
        link.target = '_blank';
        link.textContent = 'outside';
        document.body.append(link);
        link.click();
        link.remove();
      });
    },
    () => expect.poll(() => app.windowCount(), { timeout: 5_000 }).toBe(1),
  );
});

test('an IPC call with invalid input is rejected with a readable error', async () => {
  const result = await app.page.evaluate(() => window.copydesk.invoke('drafts:get', { id: 5 }));
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('invalid_input');
  expect(result.error.message).toContain('drafts:get');
  expect(result.error.message).toMatch(/id/);
  expect(result.error.message).not.toMatch(/ZodError|\bat \w+ \(/);
});

test('an unknown channel is rejected', async () => {
  const result = await app.page.evaluate(() =>
    window.copydesk.invoke('fs:readFile', { path: '/etc/passwd' }),
  );
  expect(result).toEqual({
    ok: false,
    error: { code: 'invalid_input', message: expect.stringContaining('does not know the request') },
  });
});

test('the page has no Node globals and exactly one frozen bridge', async () => {
  const globals = await app.page.evaluate(() => {
    const scope = window as unknown as Record<string, unknown>;
    return {
      require: typeof scope.require,
      process: typeof scope.process,
      module: typeof scope.module,
      Buffer: typeof scope.Buffer,
      global: typeof scope.global,
      bridgeKeys: Object.keys(window.copydesk).sort(),
      frozen: Object.isFrozen(window.copydesk),
      replaced: (() => {
        try {
          (window as unknown as { copydesk: unknown }).copydesk = { shell: 'fake' };
        } catch {
          // Strict-mode assignment to a read-only global throws; either way it must not change.
        }
        return window.copydesk.shell;
      })(),
    };
  });
  expect(globals).toEqual({
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
    Buffer: 'undefined',
    global: 'undefined',
    bridgeKeys: ['invoke', 'on', 'shell'],
    frozen: true,
    replaced: app.shell,
  });
});

test('a strict Content-Security-Policy is sent and enforced', async () => {
  const response = await app.page.reload({ waitUntil: 'load' });
  const csp = (await response?.allHeaders())?.['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  const enforced = await app.page.evaluate(async () => {
    const scope = window as unknown as Record<string, unknown>;
    const script = document.createElement('script');
    script.textContent = 'window.__inlineScriptRan = true';
    document.head.append(script);
    script.remove();
    const image = document.createElement('img');
    const remoteImage = await new Promise<string>((resolve) => {
      image.onload = () => resolve('loaded');
      image.onerror = () => resolve('blocked');
      image.src = 'https://example.com/pixel.png';
    });
    const remoteFetch = await fetch('https://example.com/').then(
      () => 'fetched',
      () => 'blocked',
    );
    return { inlineScript: scope.__inlineScriptRan === true, remoteImage, remoteFetch };
  });
  expect(enforced).toEqual({ inlineScript: false, remoteImage: 'blocked', remoteFetch: 'blocked' });
});
