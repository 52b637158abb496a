// Where a browser shell cold start spends its time. With COPYDESK_TRACE_STARTUP=1
// the launcher prints one line per step on stderr, in ms since its process
// started (Node's performance.now()), e.g. `startup: chromium launched 612 ms`.
// Off by default: nothing is measured or printed.
import type { BrowserContext, Page } from 'playwright-core';
import { BODY_EDITABLE_MARK, FIRST_PAGE_REQUESTED_MARK } from '../../src-shared/timing';

export interface StartupTrace {
  mark(step: string): void;
  /** Before the page opens: the page records when its first list item is painted (its own User Timing marks say when it asked for the list and when the body was editable). */
  install(context: BrowserContext): Promise<void>;
  /** After the page loaded: prints those two moments once they happen. */
  followPage(page: Page): void;
}

const RECORD = '__copydeskStartupTrace';

/**
 * Init script (tracing only): records performance.timeOrigin + now() at the
 * first frame showing a list item. The body's first editable frame is the
 * app's own User Timing mark (BODY_EDITABLE_MARK, src-shared/timing.ts).
 */
function recordScript(): string {
  return `(() => {
  if (window !== window.top) return;
  const seen = (window[${JSON.stringify(RECORD)}] = { navigation: performance.timeOrigin });
  const frame = () => {
    if (document.querySelector('[aria-label="Drafts"] li')) seen.list = performance.timeOrigin + performance.now();
    else requestAnimationFrame(frame);
  };
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
        firstPage: 'first page requested',
        list: 'first list item painted',
        body: 'body editable',
      };
      void page
        .waitForFunction(
          ({ record, mark, firstPageMark }) => {
            const seen = (window as unknown as Record<string, Record<string, number> | undefined>)[record];
            const body = performance.getEntriesByName(mark)[0];
            if (seen?.['list'] === undefined || !body) return null;
            const times: Record<string, number> = { ...seen, body: performance.timeOrigin + body.startTime };
            const firstPage = performance.getEntriesByName(firstPageMark)[0];
            if (firstPage) times['firstPage'] = performance.timeOrigin + firstPage.startTime;
            return times;
          },
          { record: RECORD, mark: BODY_EDITABLE_MARK, firstPageMark: FIRST_PAGE_REQUESTED_MARK },
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
