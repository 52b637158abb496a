import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseShellArgs, ShellUsageError } from '../../src-main/shells/shellOptions';

describe('parseShellArgs', () => {
  it('reads --data-dir, --remote-debugging-port and --headless in both spellings', () => {
    expect(
      parseShellArgs(['--data-dir', '/tmp/a', '--remote-debugging-port', '9222', '--headless']).options,
    ).toEqual({
      dataDir: '/tmp/a',
      remoteDebuggingPort: 9222,
      headless: true,
    });
    expect(parseShellArgs(['--data-dir=/tmp/b', '--remote-debugging-port=9333']).options).toEqual({
      dataDir: '/tmp/b',
      remoteDebuggingPort: 9333,
      headless: false,
    });
  });

  it('returns switches it does not know so Electron and Chromium can keep theirs', () => {
    const parsed = parseShellArgs([
      'out/main/index.js',
      '--inspect=0',
      '--remote-debugging-port=0',
      '--no-sandbox',
    ]);
    expect(parsed.unknown).toEqual(['out/main/index.js', '--inspect=0', '--no-sandbox']);
    expect(parsed.options.remoteDebuggingPort).toBe(0);
  });

  it('refuses a port that is not a whole number in range, naming the value', () => {
    expect(() => parseShellArgs(['--remote-debugging-port', 'abc'])).toThrow(/"abc" is not one/);
    expect(() => parseShellArgs(['--remote-debugging-port', '70000'])).toThrow(ShellUsageError);
    expect(() => parseShellArgs(['--remote-debugging-port', '-1'])).toThrow(ShellUsageError);
  });

  it('refuses an option whose value is missing instead of taking the next option as the value', () => {
    expect(() => parseShellArgs(['--data-dir', '--headless'])).toThrow(/--data-dir needs a value/);
    expect(() => parseShellArgs(['--data-dir'])).toThrow(/needs a value/);
    expect(() => parseShellArgs(['--data-dir='])).toThrow(/empty/);
  });
});

describe('defaultDataDir', () => {
  it('matches the folder Electron uses as userData for productName Copydesk', () => {
    expect(defaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/Copydesk');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ana')).toBe('/xdg/Copydesk');
    expect(defaultDataDir('darwin', {}, '/Users/ana')).toBe(
      '/Users/ana/Library/Application Support/Copydesk',
    );
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Copydesk',
    );
  });

  it('ignores a relative XDG_CONFIG_HOME, as the XDG spec says', () => {
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: 'relative' }, '/home/ana')).toBe(
      '/home/ana/.config/Copydesk',
    );
  });
});
