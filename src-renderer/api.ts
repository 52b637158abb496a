// The renderer's only way to the services: window.copydesk.invoke (requests)
// and window.copydesk.on (pushed events), typed from the IPC contract so a
// channel or event name and its schemas are written once.
import type {
  EventName,
  EventPayload,
  Channel,
  ChannelInput,
  ChannelOutput,
  CopydeskBridge,
  Result,
} from '../src-shared/ipc';
import { BRIDGE_GLOBAL } from '../src-shared/ipc/bridgeNames';

function bridge(): CopydeskBridge | undefined {
  return (window as unknown as Record<string, CopydeskBridge | undefined>)[BRIDGE_GLOBAL];
}

/** Calls a service. Never throws: a broken bridge becomes an error Result with a readable message. */
export async function call<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
): Promise<Result<ChannelOutput<C>>> {
  const api = bridge();
  if (!api) {
    return {
      ok: false,
      error: {
        code: 'internal',
        message: 'Copydesk cannot reach its storage. Close the window and start it again.',
      },
    };
  }
  try {
    return (await api.invoke(channel, input)) as Result<ChannelOutput<C>>;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: { code: 'internal', message: `Copydesk could not reach its storage: ${detail}` },
    };
  }
}

/** Like call(), but throws an Error with the service's message; for code that retries on failure. */
export async function callOrThrow<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await call(channel, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

type EventSchemas = typeof import('../src-shared/ipc/pushEvents').events;
let eventSchemas: Promise<EventSchemas> | null = null;

/**
 * The events' schemas, loaded with the first event that arrives. They bring
 * zod and most of the IPC contract (about 90 kB), which the first screen
 * does not otherwise run; loading them at start delayed the list's first paint.
 */
function loadEventSchemas(): Promise<EventSchemas> {
  eventSchemas ??= import('../src-shared/ipc/pushEvents').then(
    (module) => module.events,
    (error: unknown) => {
      eventSchemas = null; // the next event tries again
      throw error;
    },
  );
  return eventSchemas;
}

/**
 * Subscribes to an event the services push (src-shared/ipc/pushEvents.ts). Each
 * payload is checked against the event's schema; one that does not fit is
 * dropped and logged. Payloads reach the listener in the order they arrived,
 * never after the unsubscribe. Returns the unsubscribe function (a no-op
 * without a bridge).
 */
export function subscribe<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  const api = bridge();
  if (!api || typeof api.on !== 'function') return () => undefined;
  let subscribed = true;
  let checked: Promise<void> = Promise.resolve();
  const unsubscribe = api.on(event, (payload) => {
    checked = checked
      .then(async () => {
        const parsed = (await loadEventSchemas())[event].safeParse(payload);
        if (!subscribed) return;
        if (parsed.success) listener(parsed.data as EventPayload<E>);
        else console.error(`Copydesk ignored a malformed "${event}" event.`, parsed.error);
      })
      .catch((error: unknown) => console.error(`Copydesk could not check a "${event}" event.`, error));
  });
  return () => {
    subscribed = false;
    unsubscribe();
  };
}
