// Crash safety: the process holding the database is SIGKILLed at random
// moments while an editor types. Every round the database must pass
// integrity_check, the draft must exist, and at most the last second of
// typing may be missing. Kills come 1.2–2.5 s after typing starts
// (tests/support/crashSchedule.mjs), so every round can fail that check. CI runs 50 rounds (COPYDESK_CRASH_ROUNDS overrides;
// `npm run bench` runs 500).
import { expect, test } from '@playwright/test';
import { launchApp } from './support/launchApp';
import { body, expectSaved, field, newDraft, openDraft, readDatabase } from './support/desk';
import { seededRandom } from '../support/seededRandom';
import { ALLOWED_LOSS_MS, killDelayMs } from '../support/crashSchedule.mjs';

const ROUNDS = Number(process.env.COPYDESK_CRASH_ROUNDS ?? 50);
const HEADLINE = 'Crash test draft';

test(`loses at most the last second of typing when killed at random moments (${ROUNDS} rounds)`, async () => {
  test.setTimeout(ROUNDS * 20_000 + 60_000);
  const seed = Number(process.env.COPYDESK_CRASH_SEED ?? Date.now() % 100_000);
  console.log(`crash test seed ${seed}`);
  const random = seededRandom(seed);

  let app = await launchApp();
  console.log(`shell: ${app.shell}`);
  const dataDir = app.dataDir;
  await newDraft(app.page);
  await field(app.page, 'Headline').fill(HEADLINE);
  await expectSaved(app.page);
  let expectedText = '';

  for (let round = 1; round <= ROUNDS; round += 1) {
    if (round > 1) {
      app = await launchApp({ dataDir });
      await openDraft(app.page, HEADLINE);
    }
    const { page } = app;
    await body(page).click();
    await page.keyboard.press('Control+End');
    // Each keystroke is stamped when the page has received it.
    const typed: { char: string; at: number }[] = [];
    const word = `r${round}w`;
    // At least 1.2 s into typing, so every round has typing old enough that losing it fails the round.
    const killAfter = killDelayMs(random);
    const started = Date.now();
    let stop = false;
    const typing = (async () => {
      let i = 0;
      while (!stop) {
        const char = `${word}${i % 10} `[i % (word.length + 2)] ?? ' ';
        try {
          await page.keyboard.type(char);
        } catch {
          return;
        }
        typed.push({ char, at: Date.now() });
        i += 1;
      }
    })();
    while (Date.now() - started < killAfter) await new Promise((r) => setTimeout(r, 20));
    const killedAt = Date.now();
    stop = true;
    await app.kill();
    await typing;

    const row = readDatabase(dataDir, (db) => ({
      integrity: db.pragma('integrity_check', { simple: true }),
      drafts: db
        .prepare('SELECT body_text FROM drafts WHERE headline = ? AND deleted_at IS NULL')
        .all(HEADLINE) as {
        body_text: string;
      }[],
    }));
    expect(row.integrity, `round ${round}: integrity_check`).toBe('ok');
    expect(row.drafts, `round ${round}: the draft still exists, once`).toHaveLength(1);
    const stored = row.drafts[0]?.body_text ?? '';
    const mustHave =
      expectedText +
      typed
        .filter((k) => k.at <= killedAt - ALLOWED_LOSS_MS)
        .map((k) => k.char)
        .join('');
    const couldHave = expectedText + typed.map((k) => k.char).join('');
    const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
    expect(
      normalise(couldHave).startsWith(normalise(stored)) ||
        normalise(stored).startsWith(normalise(couldHave)),
      `round ${round}: stored text is a prefix of what was typed`,
    ).toBe(true);
    expect(
      normalise(stored).length,
      `round ${round}: everything typed more than ${ALLOWED_LOSS_MS} ms before the kill is stored (killed after ${killAfter} ms)`,
    ).toBeGreaterThanOrEqual(normalise(mustHave).length);
    expectedText = stored;
  }
});
