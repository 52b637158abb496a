// The one place that says what the preload may expose to the page. The
// preload spec and any other spec that checks the bridge read it from here.
//
// When the pushed-event path lands (the house issue), add its subscription
// function's name to EXPECTED_BRIDGE_FUNCTIONS and nothing else needs to change.

/** The single key on `window` the preload exposes. */
export const EXPECTED_BRIDGE_GLOBAL = 'copydesk';

/** Functions the page may call. */
export const EXPECTED_BRIDGE_FUNCTIONS: readonly string[] = ['invoke'];

/** Plain values beside them: which shell the page runs in. */
export const EXPECTED_BRIDGE_VALUES: Readonly<Record<string, unknown>> = { shell: 'electron' };

export const EXPECTED_BRIDGE_KEYS: readonly string[] = [
  ...EXPECTED_BRIDGE_FUNCTIONS,
  ...Object.keys(EXPECTED_BRIDGE_VALUES),
].sort();
