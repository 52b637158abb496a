// One open draft's unsaved state and its autosave. A session outlives its
// view: when the editor switches drafts while a save is still failing, the
// old session keeps retrying until its text is stored (never dropped).
import type { ArticleMeta, Draft } from '../../src-shared/article';
import { FLUSH_HOOK, type ChannelOutput } from '../../src-shared/ipc';
import { callOrThrow } from '../api';
import { createAutosaveScheduler, type AutosaveScheduler, type SaveState } from './autosaveScheduler';

export type SavedInfo = ChannelOutput<'drafts:save'> & { id: string; meta: ArticleMeta };

export class DraftSession {
  readonly id: string;
  private meta: ArticleMeta;
  private serializeBody: (() => string) | null = null;
  private readonly scheduler: AutosaveScheduler;
  private state: SaveState;
  private readonly listeners = new Set<() => void>();
  /** Set when the stored body could not be opened: nothing may be saved over it. */
  private readOnly = false;

  constructor(
    draft: Draft,
    private readonly onSaved: (info: SavedInfo) => void,
  ) {
    this.id = draft.id;
    this.meta = draft.meta;
    this.state = { kind: 'saved', at: draft.updatedAt };
    this.scheduler = createAutosaveScheduler({
      save: () => this.save(),
      onState: (state) => {
        this.state = state;
        this.listeners.forEach((listener) => listener());
      },
    });
    liveSessions.add(this);
  }

  attachBody(serialize: () => string): void {
    this.serializeBody = serialize;
  }

  markReadOnly(): void {
    this.readOnly = true;
  }

  getMeta(): ArticleMeta {
    return this.meta;
  }

  updateMeta(meta: ArticleMeta): void {
    this.meta = meta;
    this.markDirty();
  }

  markDirty(): void {
    if (this.readOnly || this.serializeBody === null) return;
    this.scheduler.markDirty();
  }

  flush(): Promise<void> {
    return this.scheduler.flush();
  }

  /** Flushes, and once everything is stored forgets the session. */
  async close(): Promise<void> {
    await this.scheduler.flush();
    this.scheduler.dispose();
    liveSessions.delete(this);
  }

  getState = (): SaveState => this.state;

  /** The draft as it is on screen when some of it is not stored yet, else null. */
  unsavedSnapshot(): { id: string; meta: ArticleMeta; body: string } | null {
    if (!this.scheduler.hasPendingChanges() || this.serializeBody === null) return null;
    return { id: this.id, meta: this.meta, body: this.serializeBody() };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private async save(): Promise<void> {
    if (this.serializeBody === null) return;
    const meta = this.meta;
    const body = this.serializeBody();
    const result = await callOrThrow('drafts:save', { id: this.id, meta, body });
    this.onSaved({ ...result, id: this.id, meta });
  }
}

const liveSessions = new Set<DraftSession>();

/** The current text of every open or closing draft that has changes not yet stored (for a copy to a file). */
export function unsavedDrafts(): Array<{ id: string; meta: ArticleMeta; body: string }> {
  return [...liveSessions].flatMap((session) => session.unsavedSnapshot() ?? []);
}

/** Stores everything pending in every open or closing session. */
export function flushAllSessions(): Promise<void> {
  return Promise.all([...liveSessions].map((session) => session.flush())).then(() => undefined);
}

/** Defines the hook the shells call before closing the window or quitting. */
export function installFlushHook(): void {
  (window as unknown as Record<string, () => Promise<void>>)[FLUSH_HOOK] = flushAllSessions;
}
