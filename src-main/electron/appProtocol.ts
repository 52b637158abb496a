// The app:// origin the renderer loads from in Electron. The scheme is
// privileged (standard + secure) so it gets a real origin, storage and
// fetch; every response carries the CSP header from appAssets.
import { protocol, type Session } from 'electron';
import { serveAppRequest, type AppAssetRoots } from '../shells/appAssets';
import { ELECTRON_APP_ORIGIN, ELECTRON_APP_SCHEME, isOnAppOrigin } from '../shells/appOrigin';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: ELECTRON_APP_SCHEME,
      // codeCache: V8 keeps the compiled renderer chunks between starts (Electron ≥ 28; standard schemes only).
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        corsEnabled: false,
        stream: false,
        codeCache: true,
      },
    },
  ]);
}

export function handleAppProtocol(session: Session, roots: AppAssetRoots): void {
  session.protocol.handle(ELECTRON_APP_SCHEME, async (request) => {
    if (!isOnAppOrigin(request.url, ELECTRON_APP_ORIGIN)) {
      return new Response('Not found.', {
        status: 404,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      });
    }
    const response = await serveAppRequest(request.method, new URL(request.url).pathname, roots);
    return new Response(new Uint8Array(response.body), {
      status: response.status,
      headers: response.headers,
    });
  });
}
