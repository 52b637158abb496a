// Building blocks of the IPC contract: one place declares each channel's
// input and output schema; both shells and the renderer derive their types
// from it, so a channel name is written once.
import type { z } from 'zod';

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ChannelSpec<I, O> {
  return { input, output };
}

/** Error codes a renderer may act on. The message is always written for a person. */
export type AppErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  /** drafts:save got a patch for a body the services do not hold (src-shared/bodyPatch.ts): send the whole body. */
  | 'patch_base_missing'
  | 'storage_full'
  | 'storage_readonly'
  | 'unsupported'
  | 'forbidden'
  | 'network'
  | 'internal';

export interface AppError {
  code: AppErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: AppErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

/** Thrown by services for failures a person must read; dispatch turns it into a Result. */
export class AppFailure extends Error {
  override name = 'AppFailure';
  constructor(
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
  }
}
