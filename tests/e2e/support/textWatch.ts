// Whether a text ever appeared in the page, even for a moment (a loading
// state that is gone by the time a locator could look): a MutationObserver
// notes it. `fromNextDocument` installs it as an init script instead, so it
// watches the next document from its start (call before page.reload()).
import type { Page } from '@playwright/test';

const KEY = '__copydeskTextSeen';

/** Runs in the page (serialized: it may use nothing from this module's scope). */
function watch({ key, text }: { key: string; text: string }): void {
  const page = window as unknown as Record<string, Record<string, boolean> | undefined>;
  const seen = (page[key] ??= {});
  seen[text] = false;
  new MutationObserver(() => {
    if (!seen[text] && document.body?.textContent?.includes(text)) seen[text] = true;
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

/**
 * Starts watching; the returned function answers whether `text` has appeared
 * since, and throws when the watcher is not in the page (so a watcher that
 * failed to install cannot pass a test by answering "never seen").
 */
export async function watchForText(
  page: Page,
  text: string,
  { fromNextDocument = false } = {},
): Promise<() => Promise<boolean>> {
  if (fromNextDocument) await page.addInitScript(watch, { key: KEY, text });
  else await page.evaluate(watch, { key: KEY, text });
  return async () => {
    const seen = await page.evaluate(
      ({ key, watched }) =>
        (window as unknown as Record<string, Record<string, boolean> | undefined>)[key]?.[watched] ?? null,
      { key: KEY, watched: text },
    );
    if (seen === null) throw new Error(`the watcher for "${text}" is not in the page`);
    return seen;
  };
}
