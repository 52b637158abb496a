import { z } from 'zod';
import { channel } from './define';

export const SHELLS = ['electron', 'browser'] as const;
export type ShellKind = (typeof SHELLS)[number];

export const NoticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
});
export type Notice = z.infer<typeof NoticeSchema>;

export const appChannels = {
  /** What the renderer shows about where it runs; notices are start-up events the user must hear about. */
  'app:info': channel(
    z.object({}).strict(),
    z.object({
      shell: z.enum(SHELLS),
      version: z.string(),
      dataDir: z.string(),
      notices: z.array(NoticeSchema),
    }),
  ),
  /** Opens an http(s) or mailto link in the system browser after validation. */
  'links:open': channel(z.object({ url: z.string().max(2048) }).strict(), z.object({})),
};
