// Item 16: every crash round (e2e and bench) must be able to fail its
// "at most the last second of typing is lost" check.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOWED_LOSS_MS, killDelayMs, MIN_KILL_AFTER_MS } from '../support/crashSchedule.mjs';
import { seededRandom } from '../support/seededRandom';

const root = join(import.meta.dirname, '..', '..');

describe('crash rounds', () => {
  it('kill at least 1.2 s after typing starts, whatever the seed draws', () => {
    expect(MIN_KILL_AFTER_MS).toBeGreaterThanOrEqual(ALLOWED_LOSS_MS + 200);
    for (const seed of [1, 2024, 99_999]) {
      const random = seededRandom(seed);
      for (let i = 0; i < 5_000; i += 1) expect(killDelayMs(random)).toBeGreaterThanOrEqual(1_200);
    }
    expect(killDelayMs(() => 0)).toBe(1_200);
    expect(killDelayMs(() => 0.999_999)).toBeLessThan(2_600);
  });

  it.each(['tests/e2e/crash.spec.ts', 'bench/metrics/crash.mjs'])(
    '%s takes its kill moment from the shared schedule',
    (file) => {
      const source = readFileSync(join(root, file), 'utf8');
      expect(source).toMatch(/killDelayMs\(random\)/);
      expect(source).not.toMatch(/Math\.floor\(random\(\) \* \d/);
    },
  );
});
