// The single entry point for every IPC request, shared by both shells:
// look the channel up in the contract, validate the input with its schema,
// run the handler, and turn every failure into a message a person can act on.
import { z } from 'zod';
import { AppFailure, contract, fail, isChannel, ok, type Handlers, type Result } from '../../src-shared/ipc';
import { storeWriteFailure } from './store/storeErrors';

export type Dispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

export interface DispatchLog {
  error(message: string, error: unknown): void;
}

export function createDispatch(handlers: Handlers, log: DispatchLog = console): Dispatch {
  return async (channel, input) => {
    if (!isChannel(channel)) {
      return fail('invalid_input', `Copydesk does not know the request "${String(channel).slice(0, 60)}".`);
    }
    const parsed = contract[channel].input.safeParse(input ?? {});
    if (!parsed.success) {
      return fail(
        'invalid_input',
        `The request "${channel}" was not valid: ${z.prettifyError(parsed.error)}`,
      );
    }
    try {
      const handler = handlers[channel] as (value: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (error) {
      return failureFromError(channel, error, log);
    }
  };
}

/** Maps thrown errors to results; unexpected ones are logged with their stack. */
export function failureFromError(channel: string, error: unknown, log: DispatchLog): Result<never> {
  if (error instanceof AppFailure) return fail(error.code, error.message);
  // Disk full, read-only or failing disk: a message the editor can act on (store/storeErrors.ts).
  const refused = storeWriteFailure(error);
  if (refused) return fail(refused.code, refused.message);
  log.error(`Request ${channel} failed`, error);
  const detail = error instanceof Error ? error.message : String(error);
  return fail('internal', `Something went wrong while handling "${channel}": ${detail}`);
}
