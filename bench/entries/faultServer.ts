// Bench-only entry: the HTTP JSON fault server of the tests, built by
// bench/lib/build.mjs with `vite build --ssr` into out/bench so the publish
// benchmark (plain .mjs) can run the same fault plans as the unit tests.
export { FAULTS, seededRandom, startFaultServer } from '../../tests/support/faultServer';
