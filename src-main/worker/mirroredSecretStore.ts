// The worker's view of the Electron shell's secret store. safeStorage lives only
// in Electron's main process, so the main process decrypts the stored secrets
// once when it starts the worker (WorkerStartOptions.secrets) and encrypts
// and writes each change the worker reports. Reads are answered from memory,
// so the publish code keeps its synchronous SecretStore.
import type { SecretStore } from '../services/publish/types';
import type { HostRequest, MirroredSecrets } from './protocol';

export const KEYCHAIN_UNAVAILABLE =
  'The system keychain is not available, so Copydesk cannot store the password or token safely.';

export function createMirroredSecretStore(
  initial: MirroredSecrets,
  persist: (request: Extract<HostRequest, { op: 'secret:set' | 'secret:delete' }>) => void,
): SecretStore {
  const values = new Map(Object.entries(initial.values));
  return {
    kind: 'os-keychain',
    warning: initial.warning,
    get: (targetId) => values.get(targetId) ?? null,
    set(targetId, secret) {
      if (!initial.encryptionAvailable) throw new Error(KEYCHAIN_UNAVAILABLE);
      values.set(targetId, secret);
      persist({ op: 'secret:set', targetId, secret });
    },
    delete(targetId) {
      if (!values.delete(targetId)) return;
      persist({ op: 'secret:delete', targetId });
    },
  };
}
