// The renderer's only way to the services: window.copydesk.invoke (requests)
// and window.copydesk.on (pushed events), typed from the IPC contract so a
// channel or event name and its schemas are written once.
import {
  BRIDGE_GLOBAL,
  events,
  type EventName,
  type EventPayload,
  type Channel,
  type ChannelInput,
  type ChannelOutput,
  type CopydeskBridge,
  type Result,
} from '../src-shared/ipc';

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

/**
 * Subscribes to an event the services push (src-shared/ipc/pushEvents.ts). Each
 * payload is checked against the event's schema; one that does not fit is
 * dropped and logged. Returns the unsubscribe function (a no-op without a bridge).
 */
export function subscribe<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  const api = bridge();
  if (!api || typeof api.on !== 'function') return () => undefined;
  return api.on(event, (payload) => {
    const parsed = events[event].safeParse(payload);
    if (parsed.success) listener(parsed.data as EventPayload<E>);
    else console.error(`Copydesk ignored a malformed "${event}" event.`, parsed.error);
  });
}
