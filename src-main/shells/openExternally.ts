// How the browser shell hands a validated link or file to the operating system
// (the Electron shell uses shell.openExternal / shell.openPath). The rule of
// what may open and the log mode are in host/shellHost.ts, shared by both.
import { spawn } from 'node:child_process';

export async function openWithSystem(target: string): Promise<void> {
  const [command, args] =
    process.platform === 'win32'
      ? ['explorer.exe', [target]]
      : process.platform === 'darwin'
        ? ['open', [target]]
        : ['xdg-open', [target]];
  await new Promise<void>((resolveSpawn, rejectSpawn) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', shell: false });
    child.once('error', rejectSpawn);
    child.once('spawn', () => {
      child.unref();
      resolveSpawn();
    });
  });
}
