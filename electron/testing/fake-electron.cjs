// A stand-in for the `electron` module, so the built dist/electron/main.cjs can run under plain Node
// in a test (the real package downloads its runtime when loaded, which cannot work here). Loaded with
// `node --require`; it answers `require('electron')` and makes main.cjs believe it runs in Electron.
// What main registers and sends is on globalThis.__fakeElectron for the driving script.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: run by plain Node, like main.cjs */
const Module = require('node:module');
const { EventEmitter } = require('node:events');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const userData = process.env.FAKE_ELECTRON_USER_DATA || mkdtempSync(join(tmpdir(), 'rootline-fake-electron-'));
const state = { handlers: new Map(), sent: [], windows: [], menus: [], appEvents: new EventEmitter(), session: {} };

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.url = '';
    this.mainFrame = { parent: null, get url() { return this._wc.url; }, _wc: this };
  }
  send(channel, payload) {
    state.sent.push({ channel, payload });
  }
  getURL() {
    return this.url;
  }
  isLoading() {
    return false;
  }
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn;
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    this.destroyed = false;
    state.windows.push(this);
  }
  loadFile(file) {
    this.webContents.url = pathToFileURL(file).href;
    setImmediate(() => {
      this.emit('ready-to-show');
      this.webContents.emit('did-finish-load');
    });
    return Promise.resolve();
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    return { x: 10, y: 10, width: this.options.width, height: this.options.height };
  }
  isMaximized() {
    return false;
  }
  isMinimized() {
    return false;
  }
  maximize() {}
  restore() {}
  focus() {}
  show() {}
}

const workArea = { x: 0, y: 0, width: 1920, height: 1080 };
const electron = {
  app: Object.assign(state.appEvents, {
    setName() {},
    requestSingleInstanceLock: () => true,
    enableSandbox() {},
    whenReady: () => Promise.resolve(),
    getPath: (name) => join(userData, name),
    quit() {},
  }),
  BrowserWindow,
  ipcMain: { handle: (channel, fn) => state.handlers.set(channel, fn) },
  Menu: { buildFromTemplate: (t) => t, setApplicationMenu: (m) => state.menus.push(m) },
  nativeTheme: { shouldUseDarkColors: true },
  screen: { getPrimaryDisplay: () => ({ workArea }), getAllDisplays: () => [{ workArea }] },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn) => (state.session.request = fn),
      setPermissionCheckHandler: (fn) => (state.session.check = fn),
      webRequest: { onHeadersReceived: (fn) => (state.session.headers = fn) },
    },
  },
  dialog: { showMessageBox: () => Promise.resolve({ response: 0 }), showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }), showSaveDialog: () => Promise.resolve({ canceled: true }) },
  shell: { openExternal: () => Promise.resolve(), openPath: () => Promise.resolve('') },
};

Object.defineProperty(process.versions, 'electron', { value: '45.0.0-fake', enumerable: true });
process.defaultApp = true; // as under `electron main.cjs …`: argv[1] is the app, arguments follow
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'electron') return electron;
  return load.call(this, request, parent, isMain);
};
globalThis.__fakeElectron = state;
