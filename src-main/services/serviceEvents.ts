// Events the services push to the renderer (src-shared/ipc/pushEvents.ts). Every
// payload is validated against its schema before it leaves, like a reply.
// The worker (src-main/worker/servicesWorker.ts) forwards them to the shell.
import { events, type EventName, type EventPayload, type Handlers } from '../../src-shared/ipc';
import type { DispatchLog } from './dispatch';

export type EventListener = (name: EventName, payload: unknown) => void;

export interface ServiceEvents {
  /** Calls `listener` for every event; returns the unsubscribe function. */
  on(listener: EventListener): () => void;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}

export function createServiceEvents(log: DispatchLog): ServiceEvents {
  const listeners = new Set<EventListener>();
  return {
    on(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit(name, payload) {
      const parsed = events[name].safeParse(payload);
      if (!parsed.success) {
        log.error(`The event ${name} did not match its schema and was not sent`, parsed.error);
        return;
      }
      for (const listener of listeners) {
        try {
          listener(name, parsed.data);
        } catch (error) {
          log.error(`A listener of ${name} failed`, error);
        }
      }
    },
  };
}

/**
 * Pushes "outbox:changed" whenever a job changes. A burst of changes (a step,
 * then a state) becomes one event with the list as outbox:list returns it, so
 * the renderer never polls. Returns the function that stops it.
 */
export function pushOutboxChanges(
  outbox: { subscribe(listener: () => void): () => void },
  list: Handlers['outbox:list'],
  serviceEvents: ServiceEvents,
  log: DispatchLog,
): () => void {
  let pending: NodeJS.Immediate | null = null;
  let stopped = false;
  const send = async (): Promise<void> => {
    pending = null;
    if (stopped) return;
    try {
      const { jobs } = await list({});
      if (!stopped) serviceEvents.emit('outbox:changed', { jobs });
    } catch (error) {
      if (!stopped) log.error('Could not read the outbox to push its change', error);
    }
  };
  const unsubscribe = outbox.subscribe(() => {
    pending ??= setImmediate(() => void send());
  });
  return () => {
    stopped = true;
    if (pending) clearImmediate(pending);
    unsubscribe();
  };
}
