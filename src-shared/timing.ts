// User Timing marks the renderer sets for the start-up trace (src-main/shells/startupTrace.ts)
// and the cold-start bench (bench/metrics/coldstart.mjs) to read.

/** The first painted frame with an editable article body in the page. */
export const BODY_EDITABLE_MARK = 'copydesk:body-editable';
