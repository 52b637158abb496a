// What specs see on window inside page.evaluate: the bridge both shells expose.
import type { CopydeskBridge } from '../../../src-shared/ipc';

declare global {
  interface Window {
    readonly copydesk: CopydeskBridge;
  }
}
