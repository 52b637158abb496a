// Notices the services push while the app runs ("app:notice": the storage worker
// was restarted, a password could not be stored in the keychain), added to the
// same banner as the start-up notices of app:info.
import { useEffect } from 'react';
import type { Notice } from '../src-shared/ipc';
import { subscribe } from './api';

/** Calls `add` for every pushed notice. Pass a stable function. */
export function useLiveNotices(add: (notice: Notice) => void): void {
  useEffect(() => subscribe('app:notice', add), [add]);
}
