// The single entry point for every IPC request, shared by both shells:
// look the channel up in the contract, validate the input with its schema,
// run the handler, and turn every failure into a message a person can act on.
import { z } from 'zod';
import { AppFailure, contract, fail, isChannel, ok, type Handlers, type Result } from '../../src-shared/ipc';

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
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return fail(
      'storage_full',
      'The disk is full, so your latest changes could not be saved. Free some space; Copydesk keeps trying and nothing already saved is lost.',
    );
  }
  if (code === 'SQLITE_READONLY' || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
    return fail(
      'storage_readonly',
      'Copydesk cannot write to its data folder. Check that the folder exists and that you may write to it.',
    );
  }
  log.error(`Request ${channel} failed`, error);
  const detail = error instanceof Error ? error.message : String(error);
  return fail('internal', `Something went wrong while handling "${channel}": ${detail}`);
}
