// Self-test of the electron stand-in's utilityProcess (child_process.fork
// plus a process.parentPort shim), so that services moved into a utility
// process run for real under the stand-in specs.
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { REGISTER_MODULE } from '../support/electronStandin/launchMain';

// Each spec starts real processes; slow CI runners (Windows) get room before a test counts as hung.
vi.setConfig({ testTimeout: 60_000 });

const DRIVER = fileURLToPath(
  new URL('../support/electronStandin/fixtures/utilityDriver.mjs', import.meta.url),
);

interface Report {
  spawnPid: number;
  started: { kind: string; pid: number };
  echo: {
    kind: string;
    received: { kind: string; bytes: number[]; map: Array<[string, string]>; when: string };
    ports: number;
    argv: string[];
    env: string | null;
    bytesIsUint8Array: boolean;
  };
  exitCode: number;
  pidAfterExit: number | null;
  stdout: string;
  killReturned: boolean;
  killedExitCode: number;
  orphanPid: number;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the stand-in utilityProcess', () => {
  it('forks a worker that talks over process.parentPort, and ends with its parent', async () => {
    const child = spawn(process.execPath, ['--import', pathToFileURL(REGISTER_MODULE).href, DRIVER], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    const line = stdout.split('\n').find((text) => text.startsWith('REPORT '));
    expect(line, stdout).toBeDefined();
    const report = JSON.parse(line!.slice('REPORT '.length)) as Report;

    // spawn, then the worker's first message through parentPort.postMessage
    expect(report.started.kind).toBe('started');
    expect(report.spawnPid).toBe(report.started.pid);
    // parent → worker: a MessageEvent-like { data, ports }, structured-cloned
    expect(report.echo.kind).toBe('echo');
    expect(report.echo.ports).toBe(0);
    expect(report.echo.bytesIsUint8Array).toBe(true);
    expect(report.echo.received).toEqual({
      kind: 'hello',
      bytes: [1, 2, 3],
      map: [['k', 'v']],
      when: new Date(0).toISOString(),
    });
    // args, env and piped stdout as fork(modulePath, args, options) passes them
    expect(report.echo.argv).toEqual(['--alpha', 'beta']);
    expect(report.echo.env).toBe('from-options');
    expect(report.stdout).toContain('echo worker stdout --alpha beta');
    // exit code reaches the 'exit' event; pid is gone afterwards
    expect(report.exitCode).toBe(3);
    expect(report.pidAfterExit).toBeNull();
    // kill() ends a running worker
    expect(report.killReturned).toBe(true);
    expect(typeof report.killedExitCode).toBe('number');
    // a worker still running when the main process exits does not outlive it
    const deadline = Date.now() + 5_000;
    while (isRunning(report.orphanPid) && Date.now() < deadline)
      await new Promise((done) => setTimeout(done, 50));
    expect(isRunning(report.orphanPid)).toBe(false);
  });
});
