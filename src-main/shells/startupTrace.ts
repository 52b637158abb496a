// Where a browser shell cold start spends its time. With COPYDESK_TRACE_STARTUP=1
// the launcher prints one line per step on stderr, in ms since its process
// started (Node's performance.now()), e.g. `startup: chromium launched 612 ms`.
// Off by default: nothing is measured or printed.
import type { BrowserContext, Page } from 'playwright-core';

export interface StartupTrace {
  mark(step: string): void;
  /** Before the page opens: the page records when its first list item is painted and its body is editable. */
  install(context: BrowserContext): Promise<void>;
  /** After the page loaded: prints those two moments once they happen. */
  followPage(page: Page): void;
}

const RECORD = '__copydeskStartupTrace';

/** Init script (tracing only): records performance.timeOrigin + now() at the first frame showing each. */
function recordScript(): string {
  return `(() => {
  if (window !== window.top) return;
  const seen = (window[${JSON.stringify(RECORD)}] = {});
  const wanted = { list: '[aria-label="Drafts"] li', body: '[contenteditable="true"][aria-label="Article body"]' };
  const frame = () => {
    for (const [name, selector] of Object.entries(wanted)) {
      if (seen[name] === undefined && document.querySelector(selector)) seen[name] = performance.timeOrigin + performance.now();
    }
    if (seen.list === undefined || seen.body === undefined) requestAnimationFrame(frame);
  };
  seen.navigation = performance.timeOrigin;
  requestAnimationFrame(frame);
})();`;
}

export function createStartupTrace(env: NodeJS.ProcessEnv): StartupTrace {
  if (env['COPYDESK_TRACE_STARTUP'] !== '1') {
    return { mark: () => undefined, install: () => Promise.resolve(), followPage: () => undefined };
  }
  const print = (step: string, ms: number): void => {
    process.stderr.write(`startup: ${step} ${ms.toFixed(0)} ms\n`);
  };
  return {
    mark: (step) => print(step, performance.now()),
    install: async (context) => {
      await context.addInitScript({ content: recordScript() });
    },
    followPage: (page) => {
      const labels = {
        navigation: 'page navigation started',
        list: 'first list item painted',
        body: 'body editable',
      };
      void page
        .waitForFunction(
          (record) => {
            const seen = (window as unknown as Record<string, Record<string, number> | undefined>)[record];
            return seen?.['list'] !== undefined && seen['body'] !== undefined ? seen : null;
          },
          RECORD,
          { timeout: 60_000 },
        )
        .then((handle) => handle.jsonValue())
        .then((seen) => {
          // The page's clock (epoch ms) as ms since this process started.
          for (const [name, label] of Object.entries(labels)) {
            const at = seen?.[name];
            if (at !== undefined) print(label, at - performance.timeOrigin);
          }
        })
        .catch(() => undefined);
    },
  };
}
