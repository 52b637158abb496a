// The renderer's `subscribe` (src-renderer/api.ts): pushed events are checked
// against their schemas, which load with the first event rather than with
// the first screen. These tests push through a bridge shaped like both
// shells' (window.copydesk.on) and check what reaches the listener.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, type CopydeskBridge } from '../../src-shared/ipc';
import { subscribe } from '../../src-renderer/api';

type Listener = (payload: unknown) => void;
let listeners: Map<string, Set<Listener>>;

function push(event: string, payload: unknown): void {
  for (const listener of listeners.get(event) ?? []) listener(payload);
}

/** Resolves once the listener has been called `count` times, or fails after a second. */
function settled(calls: unknown[], count: number): Promise<void> {
  return vi.waitFor(() => expect(calls.length).toBeGreaterThanOrEqual(count), { timeout: 1000 });
}

function notice(text: string): unknown {
  return { level: 'warning', message: text };
}

beforeEach(() => {
  listeners = new Map();
  const bridge: CopydeskBridge = {
    shell: 'browser',
    invoke: () => Promise.reject(new Error('no requests in these tests')),
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  (globalThis as Record<string, unknown>).window = { [BRIDGE_GLOBAL]: bridge };
});

afterEach(() => {
  delete (globalThis as Record<string, unknown>).window;
  vi.restoreAllMocks();
});

describe('subscribe', () => {
  it('delivers valid events in the order they arrived, including those that came before the schemas loaded', async () => {
    const seen: unknown[] = [];
    subscribe('app:notice', (payload) => seen.push(payload.message));
    // Pushed back to back, before any schema has had a chance to load.
    for (const text of ['first', 'second', 'third']) push('app:notice', notice(text));
    await settled(seen, 3);
    push('app:notice', notice('fourth'));
    await settled(seen, 4);
    expect(seen).toEqual(['first', 'second', 'third', 'fourth']);
  });

  it('drops and logs a payload that does not fit its schema, and keeps delivering the next', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const seen: unknown[] = [];
    subscribe('app:notice', (payload) => seen.push(payload.message));
    push('app:notice', { level: 'warning' });
    push('app:notice', notice('after the bad one'));
    await settled(seen, 1);
    expect(seen).toEqual(['after the bad one']);
    expect(errors).toHaveBeenCalledWith(
      'Copydesk ignored a malformed "app:notice" event.',
      expect.anything(),
    );
  });

  it('calls no listener after its unsubscribe, even for an event that arrived before it', async () => {
    const early: unknown[] = [];
    const kept: unknown[] = [];
    const unsubscribe = subscribe('app:notice', (payload) => early.push(payload.message));
    subscribe('app:notice', (payload) => kept.push(payload.message));
    push('app:notice', notice('in flight'));
    unsubscribe();
    await settled(kept, 1);
    expect(kept).toEqual(['in flight']);
    expect(early).toEqual([]);
  });
});
