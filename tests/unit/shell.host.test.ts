// The host module both shells use: shutdown order, crash handlers, the sender
// check and the link rule, plus the import-cycle check of `npm run lint`.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  createOpenExternal,
  createShutdown,
  installProcessHandlers,
  isTrustedSender,
} from '../../src-main/host/shellHost';
import { BROWSER_APP_ORIGIN, ELECTRON_APP_ORIGIN } from '../../src-main/shells/appOrigin';
import { findCycles } from '../../scripts/check-cycles.mjs';

describe('createShutdown', () => {
  it('flushes the renderer, then closes the database, then exits — once, whoever asks', async () => {
    const steps: string[] = [];
    const stop = createShutdown(
      {
        flushRenderer: async () => void steps.push('flush'),
        closeServices: async () => {
          steps.push('close');
          return null;
        },
        exit: (code) => void steps.push(`exit ${code}`),
      },
      () => undefined,
    );
    await Promise.all([stop('SIGTERM', 0), stop('the window closed', 0)]);
    expect(steps).toEqual(['flush', 'close', 'exit 0']);
  });

  it('still closes the database when the flush fails, and exits 1 when closing failed', async () => {
    const steps: string[] = [];
    const logged: string[] = [];
    const stop = createShutdown(
      {
        flushRenderer: async () => {
          throw new Error('renderer gone');
        },
        closeServices: async () => {
          steps.push('close');
          return 'disk on fire';
        },
        exit: (code) => void steps.push(`exit ${code}`),
      },
      (message) => logged.push(message),
    );
    await stop('quit', 0);
    expect(steps).toEqual(['close', 'exit 1']);
    expect(logged.join('\n')).toMatch(/renderer gone[\s\S]*disk on fire/);
  });
});

describe('installProcessHandlers', () => {
  it('stops cleanly on signals and with exit 1 on an uncaught exception or unhandled rejection', () => {
    const emitter = new EventEmitter();
    const fake = emitter as unknown as NodeJS.Process;
    const calls: [string, number][] = [];
    installProcessHandlers(async (reason, code) => void calls.push([reason, code]), fake);
    emitter.emit('SIGTERM');
    emitter.emit('uncaughtException', new Error('boom in a handler'));
    emitter.emit('unhandledRejection', new Error('lost promise'));
    expect(calls[0]).toEqual(['SIGTERM', 0]);
    expect(calls[1]?.[1]).toBe(1);
    expect(calls[1]?.[0]).toMatch(/boom in a handler/);
    expect(calls[2]?.[1]).toBe(1);
    expect(calls[2]?.[0]).toMatch(/lost promise/);
  });
});

describe('isTrustedSender', () => {
  it('answers only the main window’s main frame on the app origin, in either shell', () => {
    const good = { fromMainWindow: true, fromMainFrame: true, url: `${ELECTRON_APP_ORIGIN}/index.html` };
    expect(isTrustedSender(good, ELECTRON_APP_ORIGIN)).toBe(true);
    expect(isTrustedSender({ ...good, fromMainFrame: false }, ELECTRON_APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ ...good, fromMainWindow: false }, ELECTRON_APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ ...good, url: 'https://evil.example/' }, ELECTRON_APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(good, BROWSER_APP_ORIGIN)).toBe(false);
  });
});

describe('createOpenExternal', () => {
  it('hands only http, https and mailto to the system', async () => {
    const opened: string[] = [];
    const open = createOpenExternal('open', async (url) => void opened.push(url));
    await open('https://example.org/a');
    await expect(open('file:///etc/passwd')).rejects.toThrow(/http, https and mailto/);
    await expect(open('javascript:alert(1)')).rejects.toThrow();
    expect(opened).toEqual(['https://example.org/a']);
  });
});

describe('check-cycles', () => {
  it('finds a cycle of two files and a file importing itself, and nothing in a tree', () => {
    const graph = new Map<string, string[]>([
      ['a', ['b']],
      ['b', ['a', 'c']],
      ['c', []],
      ['d', ['d']],
      ['e', ['c']],
    ]);
    const cycles = findCycles(graph).map((cycle) => [...cycle].sort());
    expect(cycles).toEqual(expect.arrayContaining([['a', 'b'], ['d']]));
    expect(cycles).toHaveLength(2);
  });
});
