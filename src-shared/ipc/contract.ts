// The one IPC contract: channel -> input schema -> output schema.
// Each feature declares its channels in its own file; this file merges them.
import type { z } from 'zod';
import { appChannels } from './appChannels';
import { draftChannels } from './draftChannels';
import { publishChannels } from './publishChannels';
import { imageChannels } from './imageChannels';
import { storageChannels } from './storageChannels';
import { importChannels } from './importChannels';
import { historyChannels } from './historyChannels';
import { siteChannels } from './siteChannels';
import { checksChannels } from './checksChannels';
import { exportChannels } from './exportChannels';
import type { Result } from './define';

export const contract = {
  ...appChannels,
  ...draftChannels,
  ...publishChannels,
  ...imageChannels,
  ...storageChannels,
  ...importChannels,
  ...historyChannels,
  ...siteChannels,
  ...checksChannels,
  ...exportChannels,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** What a service layer implements: one async handler per channel. */
export type Handlers = {
  [C in Channel]: (input: z.output<Contract[C]['input']>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};

/**
 * The object both shells put on `window.copydesk`: the preload's contextBridge
 * in Electron, an init script plus a binding in the browser shell.
 */
export interface CopydeskBridge {
  readonly shell: 'electron' | 'browser';
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  /**
   * Subscribes to pushed events (src-shared/ipc/pushEvents.ts); returns the unsubscribe function.
   * Payloads arrive unvalidated: src-renderer/api.ts `subscribe` checks them against the schema.
   */
  on(event: string, listener: (payload: unknown) => void): () => void;
}
