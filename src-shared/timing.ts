// User Timing marks the renderer sets for the start-up trace (src-main/shells/startupTrace.ts)
// and the cold-start bench (bench/metrics/coldstart.mjs) to read.

/** The drafts list's first screenful was asked for (before React's first render). */
export const FIRST_PAGE_REQUESTED_MARK = 'copydesk:first-page-requested';

/** The first painted frame with an editable article body in the page. */
export const BODY_EDITABLE_MARK = 'copydesk:body-editable';
