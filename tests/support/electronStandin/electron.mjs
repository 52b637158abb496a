/* global process, Buffer, URL, Request, console, setTimeout, clearTimeout, setImmediate, setInterval, clearInterval, structuredClone -- Node globals (the lint config gives them to .ts files only) */
// A recording stand-in for the `electron` module, for running the BUILT main
// process (out/main/index.js) in plain Node where Electron's binary cannot
// run. It does what the main process asks in the way Electron documents it,
// writes every call to a journal (one JSON line per record, written
// synchronously so nothing is lost when the process exits), and answers
// control requests from the test that started it (process.send), which play
// the part of Chromium: a page navigating, a frame calling ipcRenderer.invoke,
// a request to app://, the user closing the window.
//
// It is not Electron. What it cannot show (real Chromium enforcing sandbox,
// CSP or contextIsolation; a real keychain; native menus) only the GitHub
// workflow's Electron run proves: see docs/architecture.md.
//
// Environment (set by tests/support/electronStandin/launchMain.ts):
//   COPYDESK_STANDIN_JOURNAL  file to append the journal to (JSON lines)
//   COPYDESK_STANDIN_CONFIG   JSON, see StandinConfig in standinTypes.ts
import { fork } from 'node:child_process';
import { createCipheriv, createDecipheriv, createHash, pbkdf2Sync } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { appendFileSync, existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serialize } from 'node:v8';

const config = JSON.parse(process.env.COPYDESK_STANDIN_CONFIG || '{}');
const journalPath = process.env.COPYDESK_STANDIN_JOURNAL || null;
let seq = 0;

/** JSON-safe copy: functions, buffers and cycles become readable markers. */
function plain(value, seen = new WeakSet()) {
  if (typeof value === 'function') return '[function]';
  if (typeof value === 'bigint') return `${value}n`;
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') return value;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => plain(item, seen));
  if (value instanceof Error) return { error: value.message };
  const out = {};
  for (const [key, item] of Object.entries(value)) out[key] = plain(item, seen);
  return out;
}

export function record(kind, data = {}) {
  seq += 1;
  const entry = { seq, t: Date.now(), pid: process.pid, kind, ...plain(data) };
  if (journalPath) appendFileSync(journalPath, `${JSON.stringify(entry)}\n`);
  return entry;
}

function makeEvent(extra = {}) {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
    ...extra,
  };
  return event;
}

/**
 * Wraps an object so that any method the stand-in does not implement is
 * recorded ("unimplemented") instead of crashing with "is not a function":
 * new production code keeps running and the journal shows what to add.
 */
function lenient(target, label) {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (
        typeof property === 'symbol' ||
        property in object ||
        property === 'then' ||
        property === 'toJSON'
      ) {
        return Reflect.get(object, property, receiver);
      }
      return (...args) => {
        record('unimplemented', { api: `${label}.${String(property)}`, args });
        return undefined;
      };
    },
  });
}

// ---------------------------------------------------------------- app

function findAppPackage() {
  let dir = dirname(resolve(process.argv[1] || '.'));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) return JSON.parse(readFileSync(candidate, 'utf8'));
    const parent = dirname(dir);
    if (parent === dir) return {};
    dir = parent;
  }
}

const appPackage = findAppPackage();
const appName = appPackage.productName || appPackage.name || 'Electron';
const home = config.home || homedir();
const appDataDir =
  process.platform === 'win32'
    ? process.env.APPDATA || join(home, 'AppData', 'Roaming')
    : process.platform === 'darwin'
      ? join(home, 'Library', 'Application Support')
      : process.env.XDG_CONFIG_HOME || join(home, '.config');
const paths = {
  home,
  appData: appDataDir,
  userData: join(appDataDir, appName),
  sessionData: join(appDataDir, appName),
  temp: tmpdir(),
  exe: process.execPath,
  module: process.execPath,
  desktop: join(home, 'Desktop'),
  documents: config.documentsDir || join(home, 'Documents'),
  downloads: join(home, 'Downloads'),
  music: join(home, 'Music'),
  pictures: join(home, 'Pictures'),
  videos: join(home, 'Videos'),
  logs: join(appDataDir, appName, 'logs'),
  crashDumps: join(appDataDir, appName, 'Crashpad'),
  ...(config.paths || {}),
};

let ready = false;
let exiting = false;
const pendingBeforeExit = new Set();
const utilityChildren = new Set();

class App extends EventEmitter {
  constructor() {
    super();
    this.commandLine = lenient(
      {
        switches: {},
        appendSwitch: (name, value) => {
          this.commandLine.switches[name] = value ?? '';
          record('app.commandLine.appendSwitch', { name, value });
        },
        appendArgument: (value) => record('app.commandLine.appendArgument', { value }),
        hasSwitch: (name) => name in this.commandLine.switches,
        getSwitchValue: (name) => this.commandLine.switches[name] ?? '',
        removeSwitch: (name) => delete this.commandLine.switches[name],
      },
      'app.commandLine',
    );
    this.isPackaged = Boolean(config.isPackaged);
    this.name = appName;
  }
  getName() {
    return appName;
  }
  getVersion() {
    return appPackage.version || '0.0.0';
  }
  getAppPath() {
    return dirname(resolve(process.argv[1] || '.'));
  }
  getLocale() {
    return 'en-US';
  }
  getSystemLocale() {
    return 'en-US';
  }
  getPreferredSystemLanguages() {
    return config.preferredLanguages || ['en-US'];
  }
  getPath(name) {
    if (!(name in paths)) throw new Error(`Failed to get '${name}' path`);
    return paths[name];
  }
  setPath(name, value) {
    record('app.setPath', { name, value });
    // Electron: "Path must be absolute"; an unknown name fails too.
    if (typeof value !== 'string' || !isAbsolute(value)) throw new Error('Path must be absolute');
    if (!(name in paths)) throw new Error('Failed to set path');
    if (ready && name === 'sessionData') record('misuse', { message: 'sessionData set after ready' });
    paths[name] = value;
  }
  isReady() {
    return ready;
  }
  whenReady() {
    return ready ? Promise.resolve() : new Promise((done) => this.once('ready', () => done()));
  }
  requestSingleInstanceLock(additionalData) {
    const taken = singleInstance.request(this.getPath('userData'), additionalData);
    record('app.requestSingleInstanceLock', { userData: this.getPath('userData'), taken });
    return taken;
  }
  hasSingleInstanceLock() {
    return singleInstance.held;
  }
  releaseSingleInstanceLock() {
    singleInstance.release();
  }
  /** Ends the process without before-quit or will-quit (as Electron documents), once pending hand-offs finish. */
  exit(code = 0) {
    record('app.exit', { code });
    if (exiting) return;
    exiting = true;
    const finish = () => {
      for (const child of utilityChildren) child.kill();
      singleInstance.release();
      record('process.exit', { code });
      process.exit(code);
    };
    if (pendingBeforeExit.size === 0) setImmediate(finish);
    else {
      const timer = setTimeout(finish, 3_000);
      Promise.allSettled([...pendingBeforeExit]).then(() => {
        clearTimeout(timer);
        finish();
      });
    }
  }
  /** before-quit, then every window's close (each may refuse), then will-quit and quit. */
  quit() {
    record('app.quit');
    const beforeQuit = makeEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    for (const window of BrowserWindow.getAllWindows()) window.close();
    if (BrowserWindow.getAllWindows().length > 0) return;
    const willQuit = makeEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.emit('quit', makeEvent(), 0);
    this.exit(0);
  }
  relaunch(options) {
    record('app.relaunch', { options });
  }
  focus(options) {
    record('app.focus', { options });
  }
  setAppUserModelId(id) {
    record('app.setAppUserModelId', { id });
  }
}

export const app = lenient(new App(), 'app');

// Single instance per userData, across processes, as Electron does it: a lock
// file names the holder; a second instance hands its argv to the holder over
// a local socket, the holder emits 'second-instance' and acknowledges, and
// only then may the second instance's app.exit() end it.
const singleInstance = {
  held: false,
  server: null,
  lockPath: null,
  socketPath(userData) {
    const key = createHash('sha256').update(resolve(userData)).digest('hex').slice(0, 24);
    if (process.platform === 'win32') return `\\\\.\\pipe\\copydesk-standin-${key}`;
    // Inside userData (removed with it) unless that path is too long for a Unix socket.
    const inside = join(userData, 'StandinSingletonSocket');
    return inside.length < 100 ? inside : join(tmpdir(), `copydesk-standin-${key}.sock`);
  },
  request(userData, additionalData) {
    if (this.held) return true;
    mkdirSync(userData, { recursive: true });
    const lockPath = join(userData, 'StandinSingletonLock');
    const socket = this.socketPath(userData);
    const holder = existsSync(lockPath) ? Number(readFileSync(lockPath, 'utf8')) : 0;
    if (holder && holder !== process.pid && isAlive(holder)) {
      const handOff = notifyHolder(socket, { argv: process.argv, cwd: process.cwd(), additionalData });
      pendingBeforeExit.add(handOff);
      return false;
    }
    writeFileSync(lockPath, String(process.pid));
    this.lockPath = lockPath;
    this.held = true;
    if (process.platform !== 'win32' && existsSync(socket)) unlinkSync(socket);
    this.server = createServer((connection) => {
      let text = '';
      connection.setEncoding('utf8');
      connection.on('data', (chunk) => {
        text += chunk;
        if (!text.endsWith('\n')) return;
        const message = JSON.parse(text);
        record('second-instance.received', { argv: message.argv });
        app.emit('second-instance', makeEvent(), message.argv, message.cwd, message.additionalData);
        connection.end('ack\n');
      });
    });
    this.server.listen(socket);
    this.server.unref();
    return true;
  },
  release() {
    if (!this.held) return;
    this.held = false;
    this.server?.close();
    try {
      if (this.lockPath && readFileSync(this.lockPath, 'utf8') === String(process.pid))
        unlinkSync(this.lockPath);
    } catch {
      // already gone
    }
  },
};

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function notifyHolder(socket, message) {
  return new Promise((done) => {
    const connection = createConnection(socket);
    const timer = setTimeout(() => {
      record('second-instance.no-ack');
      connection.destroy();
      done();
    }, 2_500);
    connection.on('connect', () => connection.write(`${JSON.stringify(message)}\n`));
    connection.on('data', () => {
      clearTimeout(timer);
      record('second-instance.acknowledged');
      connection.end();
      done();
    });
    connection.on('error', (error) => {
      clearTimeout(timer);
      record('second-instance.unreachable', { message: error.message });
      done();
    });
  });
}

// ---------------------------------------------------------------- frames, webContents, windows

function pushToPage(message) {
  if (typeof process.send !== 'function' || process.env.COPYDESK_STANDIN_UTILITY || !process.connected)
    return;
  try {
    process.send({ __standinPush: true, ...message });
  } catch (error) {
    record('webContents.send.not-cloneable', { channel: message.channel, message: error.message });
  }
}

let nextWebContentsId = 1;
let nextWindowId = 1;
const allWebContents = new Map();
const allWindows = new Map();

class WebFrameMain {
  constructor(url, parent) {
    this.url = url;
    this.parent = parent;
    this.top = parent ? parent.top : this;
    this.frames = [];
    this.processId = 1;
    this.routingId = Math.floor(Math.random() * 1e6);
    this.frameTreeNodeId = this.routingId;
    if (parent) parent.frames.push(this);
  }
  get origin() {
    try {
      const url = new URL(this.url);
      return `${url.protocol}//${url.host}`;
    } catch {
      return 'null';
    }
  }
  isDestroyed() {
    return false;
  }
}

class IpcMain extends EventEmitter {
  constructor(label) {
    super();
    this.label = label;
    this.handlers = new Map();
  }
  handle(channel, handler) {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    record(`${this.label}.handle`, { channel });
    this.handlers.set(channel, handler);
  }
  handleOnce(channel, handler) {
    this.handle(channel, (...args) => {
      this.handlers.delete(channel);
      return handler(...args);
    });
  }
  removeHandler(channel) {
    record(`${this.label}.removeHandler`, { channel });
    this.handlers.delete(channel);
  }
}

export const ipcMain = lenient(new IpcMain('ipcMain'), 'ipcMain');

class WebContents extends EventEmitter {
  constructor(owner) {
    super();
    this.id = nextWebContentsId++;
    this.owner = owner;
    this.session = session.defaultSession;
    this.mainFrame = new WebFrameMain('', null);
    this.windowOpenHandler = null;
    this.destroyed = false;
    this.ipc = lenient(new IpcMain(`webContents[${this.id}].ipc`), 'webContents.ipc');
  }
  loadURL(url) {
    record('webContents.loadURL', { webContentsId: this.id, url });
    this.mainFrame.url = url;
    return new Promise((done) => {
      setTimeout(() => {
        this.emit('did-finish-load', makeEvent());
        this.owner?.emit('ready-to-show', makeEvent());
        done();
      }, 5);
    });
  }
  getURL() {
    return this.mainFrame.url;
  }
  setWindowOpenHandler(handler) {
    record('webContents.setWindowOpenHandler', { webContentsId: this.id });
    this.windowOpenHandler = handler;
  }
  /** How the renderer answers is set by config.executeJavaScript: 'answer' (default), 'never' or 'reject'. */
  executeJavaScript(code, userGesture) {
    record('webContents.executeJavaScript', { webContentsId: this.id, code, userGesture });
    const mode = config.executeJavaScript || 'answer';
    if (mode === 'never') return new Promise(() => {});
    if (mode === 'reject')
      return Promise.reject(new Error('Script failed to execute, this normally means an error was thrown.'));
    const answer = config.executeJavaScriptAnswer ?? 'flushed';
    return new Promise((done) =>
      setTimeout(() => {
        record('webContents.executeJavaScript.answered', { webContentsId: this.id, answer });
        done(answer);
      }, config.executeJavaScriptDelayMs ?? 20),
    );
  }
  /** Main → page messages are recorded and handed to the test, which delivers them to the preload's ipcRenderer. */
  send(channel, ...args) {
    record('webContents.send', { webContentsId: this.id, channel, args });
    pushToPage({ webContentsId: this.id, channel, args });
  }
  postMessage(channel, message, transfer) {
    record('webContents.postMessage', {
      webContentsId: this.id,
      channel,
      message,
      ports: transfer?.length ?? 0,
    });
    if (transfer && transfer.length > 0) {
      record('unimplemented', { api: 'webContents.postMessage with MessagePortMain transfer' });
      return;
    }
    pushToPage({ webContentsId: this.id, channel, args: [message] });
  }
  isDestroyed() {
    return this.destroyed;
  }
  isLoading() {
    return false;
  }
  isCrashed() {
    return false;
  }
  focus() {
    record('webContents.focus', { webContentsId: this.id });
  }
  openDevTools(options) {
    record('webContents.openDevTools', { webContentsId: this.id, options });
  }
  replaceMisspelling(word) {
    record('webContents.replaceMisspelling', { webContentsId: this.id, word });
  }
  destroy() {
    this.destroyed = true;
    allWebContents.delete(this.id);
    this.emit('destroyed');
  }
}

export const webContents = lenient(
  {
    getAllWebContents: () => [...allWebContents.values()],
    fromId: (id) => allWebContents.get(id),
    getFocusedWebContents: () => null,
  },
  'webContents',
);

function createWebContents(owner) {
  // The wrapped object is the one identity everybody sees (event.sender, window.webContents).
  const contents = lenient(new WebContents(owner), 'webContents');
  allWebContents.set(contents.id, contents);
  app.emit('web-contents-created', makeEvent(), contents);
  return contents;
}

export class BrowserWindow extends EventEmitter {
  constructor(options = {}) {
    super();
    this.id = nextWindowId++;
    this.options = options;
    this.destroyed = false;
    this.visible = false;
    this.minimized = false;
    this.title = options.title || appName;
    const self = lenient(this, 'BrowserWindow');
    allWindows.set(this.id, self);
    this.webContents = createWebContents(self);
    record('BrowserWindow.new', { windowId: this.id, webContentsId: this.webContents.id, options });
    app.emit('browser-window-created', makeEvent(), self);
    return self;
  }
  static getAllWindows() {
    return [...allWindows.values()];
  }
  static fromWebContents(contents) {
    return [...allWindows.values()].find((window) => window.webContents === contents) ?? null;
  }
  static fromId(id) {
    return allWindows.get(id) ?? null;
  }
  static getFocusedWindow() {
    return [...allWindows.values()].find((window) => window.focused) ?? null;
  }
  loadURL(url, options) {
    return this.webContents.loadURL(url, options);
  }
  show() {
    record('BrowserWindow.show', { windowId: this.id });
    this.visible = true;
  }
  hide() {
    record('BrowserWindow.hide', { windowId: this.id });
    this.visible = false;
  }
  isVisible() {
    return this.visible;
  }
  focus() {
    record('BrowserWindow.focus', { windowId: this.id });
    this.focused = true;
  }
  isFocused() {
    return Boolean(this.focused);
  }
  minimize() {
    record('BrowserWindow.minimize', { windowId: this.id });
    this.minimized = true;
  }
  restore() {
    record('BrowserWindow.restore', { windowId: this.id });
    this.minimized = false;
  }
  isMinimized() {
    return this.minimized;
  }
  setTitle(title) {
    this.title = title;
  }
  getTitle() {
    return this.title;
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** Like a click on the window's close button: 'close' may be refused with preventDefault. */
  close() {
    if (this.destroyed) return;
    const event = makeEvent();
    this.emit('close', event);
    record('BrowserWindow.close', { windowId: this.id, prevented: event.defaultPrevented });
    if (!event.defaultPrevented) this.destroy();
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    allWindows.delete(this.id);
    this.webContents.destroy();
    this.emit('closed');
    if (allWindows.size === 0) {
      if (app.listenerCount('window-all-closed') > 0) app.emit('window-all-closed');
      else app.quit();
    }
  }
}

// ---------------------------------------------------------------- session, protocol, webRequest

/** Chromium match patterns as webRequest filters use them: scheme://host/path with * wildcards. */
function matchesPattern(pattern, url) {
  if (pattern === '<all_urls>') return true;
  const match = /^(\*|[a-z][a-z0-9+.-]*):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!match) return false;
  const [, scheme, host, path] = match;
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const actualScheme = parsed.protocol.slice(0, -1);
  if (scheme === '*' ? !['http', 'https', 'ws', 'wss'].includes(actualScheme) : scheme !== actualScheme)
    return false;
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const base = host.slice(2);
      if (parsed.hostname !== base && !parsed.hostname.endsWith(`.${base}`)) return false;
    } else if (parsed.hostname !== host) return false;
  }
  const glob = new RegExp(
    `^${path
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return glob.test(`${parsed.pathname}${parsed.search}`);
}

class Protocol {
  constructor(label) {
    this.label = label;
    this.handlers = new Map();
  }
  handle(scheme, handler) {
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    record(`${this.label}.handle`, { scheme });
    this.handlers.set(scheme, handler);
  }
  unhandle(scheme) {
    this.handlers.delete(scheme);
  }
  isProtocolHandled(scheme) {
    return this.handlers.has(scheme);
  }
}

class Session extends EventEmitter {
  constructor(partition) {
    super();
    this.partition = partition;
    this.protocol = lenient(new Protocol(`session[${partition}].protocol`), 'session.protocol');
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
    this.devicePermissionHandler = null;
    this.beforeRequest = null;
    this.availableSpellCheckerLanguages = config.spellCheckerLanguages || ['de', 'en-GB', 'en-US', 'fr'];
    const webRequestListeners = {};
    const listen = (name) => (filterOrListener, maybeListener) => {
      const listener = typeof filterOrListener === 'function' ? filterOrListener : maybeListener;
      const filter = typeof filterOrListener === 'function' ? null : filterOrListener;
      record(`session.webRequest.${name}`, { filter });
      webRequestListeners[name] = listener ? { filter, listener } : null;
    };
    this.webRequestListeners = webRequestListeners;
    this.webRequest = lenient(
      {
        onBeforeRequest: listen('onBeforeRequest'),
        onBeforeSendHeaders: listen('onBeforeSendHeaders'),
        onHeadersReceived: listen('onHeadersReceived'),
        onCompleted: listen('onCompleted'),
        onErrorOccurred: listen('onErrorOccurred'),
      },
      'session.webRequest',
    );
  }
  setPermissionRequestHandler(handler) {
    record('session.setPermissionRequestHandler', { set: handler !== null });
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler) {
    record('session.setPermissionCheckHandler', { set: handler !== null });
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler) {
    record('session.setDevicePermissionHandler', { set: handler !== null });
    this.devicePermissionHandler = handler;
  }
  setDisplayMediaRequestHandler(handler) {
    record('session.setDisplayMediaRequestHandler', { set: handler !== null });
    this.displayMediaRequestHandler = handler;
  }
  setSpellCheckerLanguages(languages) {
    record('session.setSpellCheckerLanguages', { languages });
  }
  setSpellCheckerEnabled(enabled) {
    record('session.setSpellCheckerEnabled', { enabled });
  }
  addWordToSpellCheckerDictionary(word) {
    record('session.addWordToSpellCheckerDictionary', { word });
    return true;
  }
}

const sessions = new Map();
function sessionFor(partition) {
  if (!sessions.has(partition)) sessions.set(partition, lenient(new Session(partition), 'session'));
  return sessions.get(partition);
}

export const session = lenient(
  {
    get defaultSession() {
      return sessionFor('');
    },
    fromPartition: (partition) => sessionFor(partition),
  },
  'session',
);

export const protocol = lenient(
  {
    registerSchemesAsPrivileged(schemes) {
      record('protocol.registerSchemesAsPrivileged', { schemes, beforeReady: !ready });
      if (ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    },
    handle: (scheme, handler) => session.defaultSession.protocol.handle(scheme, handler),
    unhandle: (scheme) => session.defaultSession.protocol.unhandle(scheme),
    isProtocolHandled: (scheme) => session.defaultSession.protocol.isProtocolHandled(scheme),
  },
  'protocol',
);

// ---------------------------------------------------------------- safeStorage (Chromium's OSCrypt on Linux)

// Chromium on Linux: "v10" + AES-128-CBC with a key derived from the fixed
// password "peanuts" (basic_text), "v11" with a key from the keyring. The
// stand-in's "keyring" password is fixed too; what matters here is that the
// bytes on disk are ciphertext and the backend the app is told about.
function osCryptKey(backend) {
  const password = backend === 'basic_text' ? 'peanuts' : 'copydesk-standin-keyring';
  return pbkdf2Sync(password, 'saltysalt', 1, 16, 'sha1');
}
const OSCRYPT_IV = Buffer.alloc(16, ' ');
const storage = { available: true, backend: 'gnome_libsecret', ...(config.safeStorage || {}) };

const safeStorageApi = {
  isEncryptionAvailable() {
    record('safeStorage.isEncryptionAvailable', { available: storage.available });
    return storage.available;
  },
  isAsyncEncryptionAvailable() {
    return Promise.resolve(storage.available);
  },
  encryptString(text) {
    if (typeof text !== 'string')
      throw new TypeError('Error processing argument at index 0, conversion failure');
    if (!storage.available)
      throw new Error(
        'Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.',
      );
    record('safeStorage.encryptString', { length: text.length });
    const prefix = storage.backend === 'basic_text' ? 'v10' : 'v11';
    const cipher = createCipheriv('aes-128-cbc', osCryptKey(storage.backend), OSCRYPT_IV);
    return Buffer.concat([Buffer.from(prefix), cipher.update(text, 'utf8'), cipher.final()]);
  },
  decryptString(encrypted) {
    if (!Buffer.isBuffer(encrypted))
      throw new TypeError('Expected the first argument of decryptString() to be a buffer');
    if (!storage.available)
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.',
      );
    record('safeStorage.decryptString', { length: encrypted.length });
    const prefix = encrypted.subarray(0, 3).toString();
    const backend = prefix === 'v10' ? 'basic_text' : 'keyring';
    try {
      const decipher = createDecipheriv('aes-128-cbc', osCryptKey(backend), OSCRYPT_IV);
      return Buffer.concat([decipher.update(encrypted.subarray(3)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
  },
};
// Electron documents getSelectedStorageBackend as Linux-only.
if (process.platform === 'linux') {
  safeStorageApi.getSelectedStorageBackend = () => {
    record('safeStorage.getSelectedStorageBackend', { backend: storage.backend });
    return storage.backend;
  };
}
export const safeStorage = lenient(safeStorageApi, 'safeStorage');

// ---------------------------------------------------------------- dialog, shell, Menu and small modules

export const dialog = lenient(
  {
    showErrorBox(title, content) {
      record('dialog.showErrorBox', { title, content });
    },
    showMessageBox(...args) {
      const options = args.at(-1);
      const response = config.messageBoxResponse ?? 0;
      record('dialog.showMessageBox', { options, response });
      return Promise.resolve({ response, checkboxChecked: false });
    },
    showMessageBoxSync(...args) {
      const options = args.at(-1);
      const response = config.messageBoxResponse ?? 0;
      record('dialog.showMessageBoxSync', { options, response });
      return response;
    },
    showOpenDialog(...args) {
      const answer = config.openDialog ?? { canceled: true, filePaths: [] };
      record('dialog.showOpenDialog', { options: args.at(-1), answer });
      return Promise.resolve(answer);
    },
    showSaveDialog(...args) {
      const answer = config.saveDialog ?? { canceled: true, filePath: '' };
      record('dialog.showSaveDialog', { options: args.at(-1), answer });
      return Promise.resolve(answer);
    },
  },
  'dialog',
);

export const shell = lenient(
  {
    openExternal(url, options) {
      record('shell.openExternal', { url, options });
      return Promise.resolve();
    },
    openPath(path) {
      record('shell.openPath', { path });
      return Promise.resolve('');
    },
    showItemInFolder(path) {
      record('shell.showItemInFolder', { path });
    },
    trashItem(path) {
      record('shell.trashItem', { path });
      return Promise.resolve();
    },
    beep() {},
  },
  'shell',
);

class MenuStandin {
  constructor(template) {
    this.items = template;
  }
  static buildFromTemplate(template) {
    return lenient(new MenuStandin(template), 'Menu');
  }
  static setApplicationMenu(menu) {
    record('Menu.setApplicationMenu', { template: menu ? menu.items : null });
    MenuStandin.applicationMenu = menu;
  }
  static getApplicationMenu() {
    return MenuStandin.applicationMenu ?? null;
  }
  popup(options) {
    record('Menu.popup', { template: this.items, options });
    MenuStandin.lastPopup = this;
  }
  closePopup() {}
}
export const Menu = MenuStandin;
export class MenuItem {
  constructor(options) {
    Object.assign(this, options);
  }
}

export const nativeTheme = lenient(
  Object.assign(new EventEmitter(), { shouldUseDarkColors: false, themeSource: 'system' }),
  'nativeTheme',
);
export const powerMonitor = lenient(new EventEmitter(), 'powerMonitor');
export const clipboard = lenient(
  {
    text: '',
    readText() {
      return this.text;
    },
    writeText(text) {
      this.text = text;
    },
  },
  'clipboard',
);
export const screen = lenient(
  Object.assign(new EventEmitter(), {
    getPrimaryDisplay: () => ({
      id: 1,
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      workArea: { x: 0, y: 0, width: 1920, height: 1040 },
      scaleFactor: 1,
    }),
    getAllDisplays: () => [screen.getPrimaryDisplay()],
  }),
  'screen',
);
export class Notification extends EventEmitter {
  static isSupported() {
    return false;
  }
  constructor(options) {
    super();
    this.options = options;
  }
  show() {
    record('Notification.show', { options: this.options });
  }
}

// ---------------------------------------------------------------- utilityProcess

const parentPortShim = fileURLToPath(new URL('./parentPortShim.mjs', import.meta.url));
const registerModule = fileURLToPath(new URL('./register.mjs', import.meta.url));

/**
 * Electron's UtilityProcess, backed by child_process.fork. The child gets
 * `process.parentPort` from parentPortShim.mjs and the same `electron`
 * stand-in, so the real worker code runs. Messages use structured clone
 * (fork's 'advanced' serialization), as Electron's postMessage does.
 * Transferring MessagePortMain objects is not supported.
 */
class UtilityProcess extends EventEmitter {
  constructor(modulePath, args = [], options = {}) {
    super();
    const stdio = options.stdio ?? 'inherit';
    const mode = Array.isArray(stdio) ? stdio : ['ignore', stdio, stdio];
    this.child = fork(modulePath, args, {
      cwd: options.cwd,
      env: {
        ...(options.env ?? process.env),
        COPYDESK_STANDIN_UTILITY: options.serviceName || 'Node Utility Process',
        ...(journalPath ? { COPYDESK_STANDIN_JOURNAL: journalPath } : {}),
        COPYDESK_STANDIN_CONFIG: JSON.stringify(config),
      },
      execArgv: [
        '--import',
        pathToFileURL(registerModule).href,
        '--import',
        pathToFileURL(parentPortShim).href,
        ...(options.execArgv ?? []),
      ],
      stdio: [mode[0] === 'pipe' ? 'pipe' : 'ignore', mode[1] ?? 'inherit', mode[2] ?? 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    this.stdout = this.child.stdout;
    this.stderr = this.child.stderr;
    utilityChildren.add(this.child);
    record('utilityProcess.fork', {
      modulePath,
      args,
      options: { ...options, env: options.env ? '[env]' : undefined },
    });
    this.child.on('spawn', () => {
      this.pid = this.child.pid;
      this.emit('spawn');
    });
    this.child.on('message', (message) => {
      if (message && message.__standinParentPort === true) this.emit('message', message.data);
    });
    this.child.on('error', (error) => this.emit('error', 'FatalError', modulePath, error.message));
    this.child.on('exit', (code, signal) => {
      utilityChildren.delete(this.child);
      this.pid = undefined;
      record('utilityProcess.exit', { modulePath, code, signal });
      this.emit('exit', code ?? (signal ? 1 : 0));
    });
  }
  postMessage(message, transfer) {
    if (transfer && transfer.length > 0)
      throw new Error('The electron stand-in cannot transfer MessagePortMain objects to a utility process.');
    if (!this.child.connected) return;
    this.child.send({ __standinParentPort: true, data: message });
  }
  kill() {
    return this.child.kill();
  }
}

export const utilityProcess = {
  fork: (modulePath, args, options) =>
    lenient(new UtilityProcess(modulePath, args, options), 'UtilityProcess'),
};

// ---------------------------------------------------------------- control requests from the test (playing Chromium)

function windowById(id) {
  const window = id === undefined ? BrowserWindow.getAllWindows()[0] : allWindows.get(id);
  if (!window) throw new Error(`No window ${id ?? '(none open)'}`);
  return window;
}
function contentsById(id) {
  const contents = id === undefined ? windowById().webContents : allWebContents.get(id);
  if (!contents) throw new Error(`No webContents ${id}`);
  return contents;
}

const operations = {
  ping: () => 'pong',
  windows: () =>
    BrowserWindow.getAllWindows().map((window) => ({
      id: window.id,
      webContentsId: window.webContents.id,
      url: window.webContents.getURL(),
      visible: window.visible,
      minimized: window.minimized,
    })),
  /** A web contents that is not the app's window (a DevTools page, a guest): it exists, but must not be trusted. */
  createWebContents: ({ url }) => {
    const contents = createWebContents(null);
    contents.mainFrame.url = url;
    return contents.id;
  },
  minimize: ({ windowId }) => windowById(windowId).minimize(),
  applicationMenu: () => (MenuStandin.applicationMenu ? plain(MenuStandin.applicationMenu.items) : null),
  /** A right-click in the page: returns the menu the main process popped up (null for none). */
  contextMenu: ({ webContentsId, params = {} }) => {
    const contents = contentsById(webContentsId);
    MenuStandin.lastPopup = null;
    contents.emit('context-menu', makeEvent(), {
      x: 10,
      y: 10,
      isEditable: false,
      selectionText: '',
      misspelledWord: '',
      dictionarySuggestions: [],
      ...params,
    });
    return MenuStandin.lastPopup ? plain(MenuStandin.lastPopup.items) : null;
  },
  clickPopupItem: ({ label }) => {
    const item = (MenuStandin.lastPopup?.items ?? []).find((candidate) => candidate.label === label);
    if (!item || typeof item.click !== 'function') throw new Error(`No clickable menu item "${label}"`);
    item.click(item, undefined, {});
    return true;
  },
  closeWindow: ({ windowId }) => windowById(windowId).close(),
  quit: () => app.quit(),
  emitApp: ({ name, args = [] }) => {
    const event = makeEvent();
    app.emit(name, event, ...args);
    return { defaultPrevented: event.defaultPrevented };
  },
  /** will-navigate, will-redirect, will-frame-navigate, will-attach-webview on a web contents. */
  navigate: ({ webContentsId, event: name, url, isMainFrame = true }) => {
    const contents = contentsById(webContentsId);
    const frame = isMainFrame ? contents.mainFrame : new WebFrameMain(url, contents.mainFrame);
    const event = makeEvent({
      url,
      isMainFrame,
      frame,
      initiator: contents.mainFrame,
      isSameDocument: false,
    });
    contents.emit(name, event, url, false, isMainFrame, 1, frame.routingId);
    return { defaultPrevented: event.defaultPrevented, listeners: contents.listenerCount(name) };
  },
  windowOpen: ({ webContentsId, url, frameName = '', features = '', disposition = 'new-window' }) => {
    const contents = contentsById(webContentsId);
    if (!contents.windowOpenHandler) return { action: 'allow', handler: false };
    const answer = contents.windowOpenHandler({
      url,
      frameName,
      features,
      disposition,
      referrer: { url: '', policy: 'no-referrer' },
      postBody: null,
    });
    return { ...plain(answer), handler: true };
  },
  permissionRequest: async ({ webContentsId, permission, requestingUrl, isMainFrame = true }) => {
    const handler = session.defaultSession.permissionRequestHandler;
    if (!handler) return { granted: true, handler: false };
    const contents = contentsById(webContentsId);
    return new Promise((done) => {
      const timer = setTimeout(() => done({ granted: 'no answer', handler: true }), 1_000);
      handler(
        contents,
        permission,
        (granted) => {
          clearTimeout(timer);
          done({ granted, handler: true });
        },
        { requestingUrl, isMainFrame },
      );
    });
  },
  permissionCheck: ({ webContentsId, permission, requestingOrigin }) => {
    const handler = session.defaultSession.permissionCheckHandler;
    if (!handler) return { granted: true, handler: false };
    const contents = webContentsId === null ? null : contentsById(webContentsId);
    return {
      granted: handler(contents, permission, requestingOrigin, {
        requestingUrl: requestingOrigin,
        isMainFrame: true,
      }),
      handler: true,
    };
  },
  devicePermission: ({ deviceType, origin }) => {
    const handler = session.defaultSession.devicePermissionHandler;
    if (!handler) return { granted: true, handler: false };
    return { granted: handler({ deviceType, origin, device: {} }), handler: true };
  },
  webRequest: ({ url, method = 'GET', resourceType = 'xhr' }) => {
    const entry = session.defaultSession.webRequestListeners.onBeforeRequest;
    if (!entry) return { cancel: false, matched: false };
    if (entry.filter && !entry.filter.urls.some((pattern) => matchesPattern(pattern, url)))
      return { cancel: false, matched: false };
    return new Promise((done) => {
      entry.listener({ id: 1, url, method, resourceType, referrer: '', timestamp: Date.now() }, (response) =>
        done({ cancel: Boolean(response?.cancel), matched: true }),
      );
    });
  },
  /** A request to a custom scheme as Chromium would hand it to protocol.handle: a Request with the parsed URL. */
  protocolRequest: async ({ url, method = 'GET' }) => {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = session.defaultSession.protocol.handlers.get(scheme);
    if (!handler) return { handled: false };
    const response = await handler(new Request(url, { method }));
    const body = Buffer.from(await response.arrayBuffer());
    return { handled: true, status: response.status, headers: Object.fromEntries(response.headers), body };
  },
  /**
   * ipcRenderer.invoke(channel, ...args) from a frame: the args are
   * structured-cloned, the handler gets an IpcMainInvokeEvent naming the
   * sender and its frame, and a thrown error reaches the page as
   * "Error invoking remote method ...".
   */
  /** ipcRenderer.send(channel, ...args) from a frame: emitted on ipcMain with the sender and its frame. */
  send: ({ webContentsId, frameUrl, subFrame = false, channel, args = [] }) => {
    const contents = contentsById(webContentsId);
    const frame = subFrame
      ? new WebFrameMain(frameUrl ?? contents.mainFrame.url, contents.mainFrame)
      : frameUrl === undefined || frameUrl === contents.mainFrame.url
        ? contents.mainFrame
        : new WebFrameMain(frameUrl, null);
    record('ipcRenderer.send', { webContentsId: contents.id, frameUrl: frame.url, subFrame, channel });
    const event = {
      sender: contents,
      senderFrame: frame,
      processId: frame.processId,
      frameId: frame.routingId,
      type: 'frame',
      ports: [],
      returnValue: undefined,
      reply: (replyChannel, ...replyArgs) => contents.send(replyChannel, ...replyArgs),
    };
    const cloned = structuredClone(args);
    contents.ipc.emit(channel, event, ...cloned);
    ipcMain.emit(channel, event, ...cloned);
    return { listeners: contents.ipc.listenerCount(channel) + ipcMain.listenerCount(channel) };
  },
  invoke: async ({ webContentsId, frameUrl, subFrame = false, frameGone = false, channel, args = [] }) => {
    const contents = contentsById(webContentsId);
    const frame = subFrame
      ? new WebFrameMain(frameUrl ?? contents.mainFrame.url, contents.mainFrame)
      : frameUrl === undefined || frameUrl === contents.mainFrame.url
        ? contents.mainFrame
        : // A main frame showing another URL: a fresh top-level frame; the loaded page is left as it is.
          new WebFrameMain(frameUrl, null);
    const handler = contents.ipc.handlers.get(channel) ?? ipcMain.handlers.get(channel);
    record('ipcRenderer.invoke', { webContentsId: contents.id, frameUrl: frame.url, subFrame, channel });
    if (!handler)
      return {
        ok: false,
        message: `Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`,
      };
    // senderFrame is null when the frame navigated away or was destroyed before the call arrived.
    const event = {
      sender: contents,
      senderFrame: frameGone ? null : frame,
      processId: frame.processId,
      frameId: frame.routingId,
      type: 'frame',
    };
    try {
      const value = await handler(event, ...structuredClone(args));
      serialize(value);
      return { ok: true, value: structuredClone(value) };
    } catch (error) {
      return { ok: false, message: `Error invoking remote method '${channel}': ${String(error)}` };
    }
  },
};

if (typeof process.send === 'function' && !process.env.COPYDESK_STANDIN_UTILITY) {
  process.on('message', async (message) => {
    if (!message || message.__standinOp === undefined) return;
    const { id, __standinOp: name, args } = message;
    try {
      const operation = operations[name];
      if (!operation) throw new Error(`The electron stand-in has no operation "${name}"`);
      const value = await operation(args ?? {});
      process.send({ __standinReply: id, ok: true, value: value ?? null });
    } catch (error) {
      process.send({
        __standinReply: id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  });
  // The control channel must not keep a finished app alive, nor end a running one: Electron's main
  // process lives until app.exit/quit, which the stand-in mirrors with a ref'd timer while not exiting.
  process.channel?.unref();
  // The test that started this process is gone: end, as Electron would when its parent is killed.
  process.on('disconnect', () => {
    record('standin.control-channel-closed');
    process.exit(71);
  });
}

// ---------------------------------------------------------------- process-level behaviour

const keepAlive = process.env.COPYDESK_STANDIN_UTILITY ? null : setInterval(() => {}, 60_000);
process.on('exit', (code) => {
  if (keepAlive) clearInterval(keepAlive);
  for (const child of utilityChildren) child.kill();
  if (!exiting) record('process.exit', { code, viaAppExit: false });
});
// In Electron an uncaught exception in the main process shows a generic "A JavaScript error occurred"
// box and leaves the app running without a window. The stand-in records it and ends with 70 so a
// spec fails quickly instead of hanging.
process.on('uncaughtException', (error) => {
  record('uncaughtException', { message: error?.message, stack: error?.stack });
  console.error('[electron stand-in] uncaught exception in the main process:', error);
  if (!exiting) {
    exiting = true;
    process.exit(70);
  }
});
process.on('unhandledRejection', (reason) => {
  record('unhandledRejection', { message: reason instanceof Error ? reason.message : String(reason) });
  console.error('[electron stand-in] unhandled rejection in the main process:', reason);
});

if (!process.env.COPYDESK_STANDIN_UTILITY) {
  record('standin.loaded', { argv: process.argv, platform: process.platform });
  // 'ready' comes after the main script has run its first turn, as in Electron.
  setTimeout(() => {
    ready = true;
    record('app.ready');
    app.emit('will-finish-launching');
    app.emit('ready', makeEvent(), {});
  }, 10);
}

export const contextBridge = undefined;
export const ipcRenderer = undefined;

const electron = {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  MenuItem,
  nativeTheme,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  utilityProcess,
  webContents,
};
export default electron;
