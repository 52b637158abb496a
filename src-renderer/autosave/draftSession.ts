// One open draft's unsaved state and its autosave. A session outlives its
// view: when the editor switches drafts while a save is still failing, the
// old session keeps retrying until its text is stored (never dropped), and
// opening that draft again picks the same session up (openDraftSession)
// instead of starting a second one from the older stored text.
//
// Every save names the stored revision its text was based on. When the draft
// was saved from elsewhere since, the store refuses it ('conflict') and keeps
// both versions in History; the session then stops autosaving and says so
// (getConflict), so neither text is written over the other. Edits made after
// that still reach History: each flush (leaving a field, switching drafts,
// quitting) sends them once more, and the store records them as refused.
//
// A save sends only the blocks changed since the body the store took from
// this session last (a patch, src-shared/bodyPatch.ts), so typing in a long
// article does not hand the whole text over every half second. The first
// save, and any save after the services lost that body, sends it whole.
import type { ArticleMeta, Draft } from '../../src-shared/article';
import {
  diffBodyParts,
  joinBodyParts,
  type BodyParts,
  type BodyPatch,
  type HashedBodyParts,
} from '../../src-shared/bodyPatch';
import type { ChannelInput, ChannelOutput } from '../../src-shared/ipc';
import { FLUSH_HOOK } from '../../src-shared/ipc/bridgeNames';
import { call } from '../api';
import { createAutosaveScheduler, type AutosaveScheduler, type SaveState } from './autosaveScheduler';

export type SavedInfo = ChannelOutput<'drafts:save'> & { id: string; meta: ArticleMeta };

/** Where a session reads the body on screen (the editor's serializer). */
export interface SessionBody {
  /** The whole body as envelope JSON. */
  serialize(): string;
  /** The body split at its top-level blocks, so a save can send only the changed ones; null when it cannot. */
  parts?(): HashedBodyParts | null;
}

/** A patch inserting more characters than this is not sent; the whole body is (see save()). */
export const PATCH_MAX_CHARS = 64 * 1024;

function insertedChars(patch: BodyPatch): number {
  let chars = patch.head.length + patch.tail.length;
  for (const block of patch.insert) chars += block.length;
  return chars;
}

/** Shown by the save status while a conflict stands: the conflict notice says the rest. */
const CONFLICT_STATE: SaveState = { kind: 'idle' };

export class DraftSession {
  readonly id: string;
  private meta: ArticleMeta;
  private body: SessionBody | null = null;
  /** The body the store holds at `revision`, as this session sent it: what the next save's patch is made against. */
  private stored: { revision: number; parts: BodyParts } | null = null;
  private readonly scheduler: AutosaveScheduler;
  private state: SaveState;
  private readonly listeners = new Set<() => void>();
  /** Set when the stored body could not be opened: nothing may be saved over it. */
  private readOnly = false;
  /** The stored revision the text on screen is based on. */
  private baseRevision: number;
  /** The store's message once a save was refused as stale; no save follows it. */
  private conflict: string | null = null;
  /** Edits made on screen after the conflict, not yet recorded in History. */
  private editedAfterConflict = false;
  /** Counts close() calls; a reopen in between cancels the pending close. */
  private closeGeneration = 0;
  private closing = false;

  constructor(
    draft: Draft,
    private onSaved: (info: SavedInfo) => void,
  ) {
    this.id = draft.id;
    this.meta = draft.meta;
    this.baseRevision = draft.revision;
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

  attachBody(body: SessionBody): void {
    this.body = body;
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
    if (this.readOnly || this.body === null) return;
    if (this.conflict !== null) {
      this.editedAfterConflict = true;
      return;
    }
    this.scheduler.markDirty();
  }

  async flush(): Promise<void> {
    await this.scheduler.flush();
    if (this.conflict !== null && this.editedAfterConflict) await this.recordAfterConflict();
  }

  /** Flushes, and once everything is stored forgets the session (unless it was reopened meanwhile). */
  async close(): Promise<void> {
    this.closing = true;
    const generation = ++this.closeGeneration;
    await this.scheduler.flush();
    if (!this.closing || generation !== this.closeGeneration) return;
    this.scheduler.dispose();
    liveSessions.delete(this);
  }

  /** True while this session still holds text the store has not taken. */
  hasPendingChanges(): boolean {
    return this.scheduler.hasPendingChanges();
  }

  /** The revision the session's text is based on (what its next save names). */
  getBaseRevision(): number {
    return this.baseRevision;
  }

  /** The body as the session holds it (unsaved edits included), or null before an editor attached. */
  currentBody(): string | null {
    return this.body === null ? null : this.body.serialize();
  }

  /** The store's message when a save was refused because the draft was saved elsewhere; else null. */
  getConflict(): string | null {
    return this.conflict;
  }

  /** Takes the session back for a view opening its draft again. */
  reopen(onSaved: (info: SavedInfo) => void): void {
    this.closing = false;
    this.onSaved = onSaved;
    liveSessions.add(this);
  }

  getState = (): SaveState => (this.conflict !== null ? CONFLICT_STATE : this.state);

  /** The draft as it is on screen when some of it is not stored yet, else null. */
  unsavedSnapshot(): { id: string; meta: ArticleMeta; body: string } | null {
    if (!this.scheduler.hasPendingChanges() || this.body === null) return null;
    return { id: this.id, meta: this.meta, body: this.body.serialize() };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Sends the on-screen text from the stale base again: the store refuses it and records it in History. */
  private async recordAfterConflict(): Promise<void> {
    if (this.body === null) return;
    this.editedAfterConflict = false;
    const result = await call('drafts:save', {
      id: this.id,
      meta: this.meta,
      body: this.body.serialize(),
      baseRevision: this.baseRevision,
    });
    // Any other failure (the store refusing writes): the text stays on screen and the next flush tries again.
    if (!result.ok && result.error.code !== 'conflict') this.editedAfterConflict = true;
  }

  private async save(): Promise<void> {
    if (this.body === null || this.conflict !== null) return;
    const meta = this.meta;
    const baseRevision = this.baseRevision;
    const parts = this.body.parts?.() ?? null;
    const whole = (): ChannelInput<'drafts:save'> => ({
      id: this.id,
      meta,
      body: parts === null ? (this.body as SessionBody).serialize() : joinBodyParts(parts),
      baseRevision,
    });
    // Only the blocks changed since the store took this session's last body, when it holds that body
    // and the change is small (a large one, a long paste, goes whole: the browser shell sends a long
    // string in pieces, one task each, where a patch's blocks would cross in one call).
    const stored = this.stored;
    const patch =
      parts !== null && stored !== null && stored.revision === baseRevision
        ? diffBodyParts(stored.parts, parts)
        : null;
    let input: ChannelInput<'drafts:save'> =
      patch !== null && insertedChars(patch) <= PATCH_MAX_CHARS
        ? { id: this.id, meta, bodyPatch: patch, baseRevision }
        : whole();
    let result = await call('drafts:save', input);
    if (!result.ok && result.error.code === 'patch_base_missing') {
      // The services no longer hold that body (restarted, or it was replaced): send all of it.
      input = whole();
      result = await call('drafts:save', input);
    }
    if (!result.ok) {
      this.stored = null;
      if (result.error.code === 'conflict') {
        // Retrying could only fail the same way; the store kept both texts in History.
        this.conflict = result.error.message;
        this.listeners.forEach((listener) => listener());
        return;
      }
      throw new Error(result.error.message);
    }
    this.baseRevision = result.value.revision;
    this.stored = parts === null ? null : { revision: result.value.revision, parts };
    this.onSaved({ ...result.value, id: this.id, meta });
  }
}

const liveSessions = new Set<DraftSession>();

/** The current text of every open or closing draft that has changes not yet stored (for a copy to a file). */
export function unsavedDrafts(): Array<{ id: string; meta: ArticleMeta; body: string }> {
  return [...liveSessions].flatMap((session) => session.unsavedSnapshot() ?? []);
}

/**
 * The session for a draft being opened. When a session of that draft is
 * still alive (closed while its save kept failing), it is reused, and the
 * returned draft carries the session's text and base revision rather than
 * the older stored ones, so a second session never saves stale text.
 */
export function openDraftSession(
  stored: Draft,
  onSaved: (info: SavedInfo) => void,
): { draft: Draft; session: DraftSession } {
  const live = [...liveSessions].find(
    (session) => session.id === stored.id && session.getConflict() === null,
  );
  if (!live) return { draft: stored, session: new DraftSession(stored, onSaved) };
  live.reopen(onSaved);
  return {
    session: live,
    draft: {
      ...stored,
      meta: live.getMeta(),
      body: live.currentBody() ?? stored.body,
      revision: live.getBaseRevision(),
    },
  };
}

/** Stores everything pending in every open or closing session. */
export function flushAllSessions(): Promise<void> {
  return Promise.all([...liveSessions].map((session) => session.flush())).then(() => undefined);
}

/** Defines the hook the shells call before closing the window or quitting. */
export function installFlushHook(): void {
  (window as unknown as Record<string, () => Promise<void>>)[FLUSH_HOOK] = flushAllSessions;
}
