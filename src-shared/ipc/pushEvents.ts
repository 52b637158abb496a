// The push half of the IPC contract: events the services send to the renderer
// when something changes on its own (a publish job moves on, the storage
// worker restarted). Declared once here with a zod schema like every request;
// the sender validates before posting and the renderer validates on arrival
// (src-renderer/api.ts `subscribe`). Both shells carry them without knowing
// their names (Electron: one IPC channel; browser shell: page.evaluate).
import { z } from 'zod';
import { NoticeSchema } from './appChannels';
import { JobSchema } from './publishChannels';

export const events = {
  /** The outbox changed (a job was queued, moved on, settled); carries the whole list, newest first. */
  'outbox:changed': z.object({ jobs: z.array(JobSchema) }),
  /** Something the editor must hear about now (e.g. the storage worker stopped and was restarted). */
  'app:notice': NoticeSchema,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** The payload when `name` is a declared event and `payload` fits its schema; null otherwise. */
export function parseEvent<E extends EventName>(name: E, payload: unknown): EventPayload<E> | null;
export function parseEvent(name: unknown, payload: unknown): unknown;
export function parseEvent(name: unknown, payload: unknown): unknown {
  if (!isEventName(name)) return null;
  const parsed = events[name].safeParse(payload);
  return parsed.success ? parsed.data : null;
}
