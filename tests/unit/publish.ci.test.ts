// The WordPress tests must not pass on CI by skipping (issue 7, item 17): the
// workflow's Linux job starts the test WordPress before the tests, and under
// CI=true a WordPress test that cannot reach its server fails the run.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

interface Step {
  name?: string;
  if?: string;
  run?: string;
}

describe('the test WordPress on CI', () => {
  it('is started by the workflow on its Linux job before the unit tests and the e2e specs', () => {
    const workflow = parse(readFileSync(join(ROOT, '.github/workflows/ci.yml'), 'utf8')) as {
      jobs: Record<string, { steps: Step[]; env?: Record<string, string> }>;
    };
    const job = Object.values(workflow.jobs)[0]!;
    const steps = job.steps;
    const start = steps.findIndex((step) => step.run?.includes('scripts/wordpress/start.sh'));
    expect(start).toBeGreaterThanOrEqual(0);
    expect(steps[start]!.if).toMatch(/runner\.os == 'Linux'/);
    const check = steps.findIndex((step) => step.run?.includes('npm run check'));
    const e2e = steps.findIndex((step) => step.run?.includes('playwright test'));
    expect(start).toBeLessThan(check);
    expect(start).toBeLessThan(e2e);
    // Only the jobs without a WordPress may skip its tests.
    expect(job.env?.COPYDESK_WP_OPTIONAL).toMatch(/matrix\.os != 'ubuntu-latest'/);
  });

  it('fails (does not skip) the WordPress unit tests under CI=true when the site cannot be reached', () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CI: 'true',
      COPYDESK_WP_CREDENTIALS: join(ROOT, 'no-such-wordpress-credentials.json'),
    };
    delete env.COPYDESK_WP_OPTIONAL;
    delete env.VITEST;
    delete env.VITEST_WORKER_ID;
    delete env.VITEST_POOL_ID;
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', 'tests/unit/wordpress.test.ts'],
      { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output).not.toBe(0);
    expect(output).toContain('The test WordPress is required on CI');
  }, 150_000);
});
