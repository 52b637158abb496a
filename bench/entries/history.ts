// Bench-only entry for bench/metrics/history.mjs: the app's services and the
// renderer's own autosave scheduler, so the simulated day saves exactly when
// the editor would.
export { createServices } from '../../src-main/services/createServices';
export { createAutosaveScheduler } from '../../src-renderer/autosave/autosaveScheduler';
