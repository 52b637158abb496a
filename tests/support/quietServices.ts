// The app's real services on a test data folder, quiet: no backup timer, no
// media clean-up, errors not logged, links not opened.
import { createServices, type ServiceOptions, type Services } from '../../src-main/services/createServices';

/** `extra` adds to or replaces any of these options (a test's own publishing timings, say). */
export function openQuietServices(dataDir: string, extra: Partial<ServiceOptions> = {}): Services {
  return createServices({
    dataDir,
    shell: 'browser',
    version: '9.9.9',
    backupIntervalMs: 0,
    mediaCleanupDelayMs: 0,
    log: { error() {} },
    openExternal: async () => undefined,
    ...extra,
  });
}
