// Launches the system Chromium the browser shell drives (playwright-core).
// Its own module so the entry (browserShellEntry.ts) can start the launch as
// soon as playwright-core has loaded, before the rest of the launcher.
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, findChromium } from './chromiumPath';
import type { ShellOptions } from './shellOptions';

/** Rejects (never throws) when no Chromium is found or it cannot start. */
export async function launchChromium(options: ShellOptions): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    headless: options.headless,
    args: chromiumArgs(options, process.getuid?.() === 0),
    // This process decides when to stop (after flushing); Playwright must not close Chromium on a signal first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}
