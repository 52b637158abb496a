// What the figures were measured on: they mean nothing without it.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { readFileSync } from 'node:fs';
import { CHROMIUM_PATH } from './browser.mjs';

function osName() {
  try {
    const line = readFileSync('/etc/os-release', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('PRETTY_NAME='));
    if (line) return `${line.slice('PRETTY_NAME='.length).replace(/"/g, '')} (${type()} ${release()})`;
  } catch {
    // not Linux
  }
  return `${type()} ${release()}`;
}

function chromiumVersion() {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

export function describeMachine() {
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    ramGiB: (totalmem() / 1024 ** 3).toFixed(1),
    os: osName(),
    chromium: chromiumVersion(),
    node: process.version,
    loadAverage: loadavg()
      .map((n) => n.toFixed(2))
      .join(' '),
  };
}
