// Locks down every web contents and the session: no navigation away from
// the app origin, no new windows, no webviews, no permissions, no network.
import { app, type Session, type WebContents } from 'electron';
import { ELECTRON_APP_ORIGIN, isOnAppOrigin } from '../shells/appOrigin';
import { safeExternalUrl } from '../../src-shared/links';

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // The page talks only to the main process; any web request is a bug or an attack.
  session.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'] },
    (_details, callback) => callback({ cancel: true }),
  );
}

/**
 * Applies to every web contents the app ever creates. Links to http(s) or
 * mailto that the page tries to follow go to the system browser instead.
 */
export function hardenAllWebContents(openExternal: (url: string) => Promise<void>): void {
  const handOff = (url: string): void => {
    const external = safeExternalUrl(url);
    if (external)
      void openExternal(external).catch((error: unknown) => console.error('Could not open link:', error));
  };
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      handOff(url);
      return { action: 'deny' };
    });
    const guardNavigation = (event: { preventDefault(): void }, url: string): void => {
      if (isOnAppOrigin(url, ELECTRON_APP_ORIGIN)) return;
      event.preventDefault();
      handOff(url);
    };
    contents.on('will-navigate', (event) => guardNavigation(event, event.url));
    contents.on('will-redirect', (event) => guardNavigation(event, event.url));
    contents.on('will-frame-navigate', (event) => {
      if (!isOnAppOrigin(event.url, ELECTRON_APP_ORIGIN)) event.preventDefault();
    });
  });
}
