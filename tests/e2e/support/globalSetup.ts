// Runs once before the e2e specs: build when stale, then say which shell runs them.
import { buildIfStale } from '../../../scripts/build-if-stale.mjs';
import { e2eShell } from './launchApp';

export default function globalSetup(): void {
  buildIfStale({ quiet: true });
  const { shell, reason } = e2eShell();
  console.log(`Copydesk e2e specs run in the ${shell} shell (${reason}).`);
}
