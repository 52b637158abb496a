import { describe, expect, it } from 'vitest';
import {
  createAutosaveScheduler,
  type SaveState,
  type SchedulerTimers,
} from '../../src-renderer/autosave/autosaveScheduler';

/** Deterministic clock: timers fire only when the test advances time. */
class ManualTimers implements SchedulerTimers {
  private time = 0;
  private nextId = 1;
  private pending = new Map<number, { at: number; callback: () => void }>();
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.pending.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
      await settle();
    }
    this.time = end;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function setup(saveImpl?: () => Promise<void>) {
  const timers = new ManualTimers();
  const saves: number[] = [];
  const states: SaveState[] = [];
  const scheduler = createAutosaveScheduler({
    save: saveImpl ?? (async () => void saves.push(timers.now())),
    onState: (state) => states.push(state),
    timers,
  });
  return { timers, saves, states, scheduler };
}

describe('autosave scheduler', () => {
  it('saves once, 300 ms after the last change', async () => {
    const { timers, saves, scheduler } = setup();
    scheduler.markDirty();
    await timers.advance(200);
    scheduler.markDirty();
    await timers.advance(299);
    expect(saves).toEqual([]);
    await timers.advance(1);
    expect(saves).toEqual([500]);
  });

  it('saves at least once a second during continuous typing', async () => {
    const { timers, saves, scheduler } = setup();
    for (let t = 0; t < 2500; t += 100) {
      scheduler.markDirty();
      await timers.advance(100);
    }
    expect(saves.length).toBeGreaterThanOrEqual(2);
    expect(saves[0]).toBeLessThanOrEqual(1000);
    expect(saves[1]! - saves[0]!).toBeLessThanOrEqual(1000);
  });

  it('reports pending, saving and then saved with the time', async () => {
    const { timers, states, scheduler } = setup();
    scheduler.markDirty();
    await timers.advance(300);
    expect(states.map((s) => s.kind)).toEqual(['pending', 'saving', 'saved']);
    expect(states.at(-1)).toEqual({ kind: 'saved', at: 300 });
  });

  it('flush stores pending changes at once and resolves after they are stored', async () => {
    const { saves, scheduler } = setup();
    scheduler.markDirty();
    await scheduler.flush();
    expect(saves).toEqual([0]);
    expect(scheduler.hasPendingChanges()).toBe(false);
  });

  it('a change made while a save is in flight is saved by a second save', async () => {
    let release: () => void = () => {};
    let calls = 0;
    const { timers, scheduler } = setup(() => {
      calls += 1;
      return calls === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
    });
    scheduler.markDirty();
    await timers.advance(300);
    scheduler.markDirty();
    const flushed = scheduler.flush();
    release();
    await flushed;
    expect(calls).toBe(2);
    expect(scheduler.hasPendingChanges()).toBe(false);
  });

  it('keeps retrying a failing save with the failure message, and never drops the change', async () => {
    let failing = true;
    let stored = 0;
    const { timers, states, scheduler } = setup(async () => {
      if (failing) throw new Error('The disk is full.');
      stored += 1;
    });
    scheduler.markDirty();
    await timers.advance(300);
    expect(states.at(-1)).toEqual({ kind: 'failed', message: 'The disk is full.', retryInMs: 1000 });
    await timers.advance(1000);
    expect(states.at(-1)).toMatchObject({ kind: 'failed', retryInMs: 2000 });
    expect(scheduler.hasPendingChanges()).toBe(true);
    failing = false;
    await timers.advance(2000);
    expect(stored).toBe(1);
    expect(states.at(-1)?.kind).toBe('saved');
    expect(scheduler.hasPendingChanges()).toBe(false);
  });

  it('flush with nothing pending resolves without saving', async () => {
    const { saves, scheduler } = setup();
    await scheduler.flush();
    expect(saves).toEqual([]);
  });
});
