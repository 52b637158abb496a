/** Absolute path of the Electron executable, or null when it is not installed. */
export function electronBinaryPath(): string | null;
/** Runs electron's install script once; the binary path, or null and why. */
export function tryInstallElectronBinary(timeoutMs?: number): { path: string | null; reason: string };
