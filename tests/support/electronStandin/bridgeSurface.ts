// The one place that says what the preload may expose to the page. The
// preload spec and any other spec that checks the bridge read it from here.
// `invoke` sends requests; `on` subscribes to the events the services push
// (src-shared/ipc/pushEvents.ts).

/** The single key on `window` the preload exposes. */
export const EXPECTED_BRIDGE_GLOBAL = 'copydesk';

/** Functions the page may call. */
export const EXPECTED_BRIDGE_FUNCTIONS: readonly string[] = ['invoke', 'on'];

/** Plain values beside them: which shell the page runs in. */
export const EXPECTED_BRIDGE_VALUES: Readonly<Record<string, unknown>> = { shell: 'electron' };

export const EXPECTED_BRIDGE_KEYS: readonly string[] = [
  ...EXPECTED_BRIDGE_FUNCTIONS,
  ...Object.keys(EXPECTED_BRIDGE_VALUES),
].sort();
