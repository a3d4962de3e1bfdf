import { describe, expect, it, vi } from 'vitest';
import { appFiles } from './launch';
import { ALLOWED_PERMISSIONS, CSP, hardenSession, isExternalWebUrl, openExternalSafe } from './security';

type Listener = (...args: unknown[]) => void;

const mock = vi.hoisted(() => {
  const created: { options: Record<string, unknown>; contents: FakeContents; loaded: string[]; maximized: boolean }[] = [];
  class FakeContents {
    listeners = new Map<string, Listener>();
    openHandler: ((d: { url: string }) => { action: string }) | null = null;
    on(name: string, fn: Listener) {
      this.listeners.set(name, fn);
      return this;
    }
    setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
      this.openHandler = fn;
    }
  }
  class FakeWindow {
    webContents = new FakeContents();
    record: (typeof created)[number];
    constructor(options: Record<string, unknown>) {
      this.record = { options, contents: this.webContents, loaded: [], maximized: false };
      created.push(this.record);
    }
    loadFile(f: string) {
      this.record.loaded.push(f);
      return Promise.resolve();
    }
    maximize() {
      this.record.maximized = true;
    }
    once() {}
    show() {}
  }
  const openExternal = vi.fn(() => Promise.resolve());
  return { created, FakeWindow, openExternal };
});

vi.mock('electron', () => ({
  app: {},
  BrowserWindow: mock.FakeWindow,
  dialog: {},
  ipcMain: {},
  Menu: {},
  nativeTheme: {},
  screen: {},
  session: {},
  shell: { openExternal: mock.openExternal },
}));

const { createMainWindow } = await import('./main');
const files = appFiles('file:///opt/rootline/resources/app.asar/dist/electron/main.cjs');

function open(state = { width: 1200, height: 800, maximized: false }) {
  createMainWindow({ files, state, dark: true });
  return mock.created.at(-1)!;
}

describe('the main window', () => {
  it('has the secure web preferences and loads the built renderer', () => {
    const w = open();
    expect(w.options.webPreferences).toEqual({
      preload: '/opt/rootline/resources/app.asar/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
    expect(w.loaded).toEqual(['/opt/rootline/resources/app.asar/dist/renderer/index.html']);
    expect(w.options).toMatchObject({ show: false, width: 1200, height: 800, backgroundColor: '#111418' });
  });

  it('restores position and the maximised state', () => {
    const w = open({ x: 40, y: 30, width: 1000, height: 700, maximized: true } as never);
    expect(w.options).toMatchObject({ x: 40, y: 30, width: 1000, height: 700 });
    expect(w.maximized).toBe(true);
  });

  it('denies navigation away from the app, and sends only web links to the browser', () => {
    const w = open();
    mock.openExternal.mockClear();
    const navigate = (url: string) => {
      const event = { preventDefault: vi.fn() };
      w.contents.listeners.get('will-navigate')!(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://example.com/docs')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true); // a file dropped outside the drop zone
    expect(navigate('javascript:alert(1)')).toBe(true);
    expect(navigate(`${files.rendererUrl}#/b/x/overview`)).toBe(false);
    expect(mock.openExternal.mock.calls).toEqual([['https://example.com/docs']]);

    const redirect = { preventDefault: vi.fn() };
    w.contents.listeners.get('will-redirect')!(redirect, 'http://127.0.0.1:9/');
    expect(redirect.preventDefault).toHaveBeenCalled();

    const attach = { preventDefault: vi.fn() };
    w.contents.listeners.get('will-attach-webview')!(attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window; http(s) links open in the browser instead', () => {
    const w = open();
    mock.openExternal.mockClear();
    for (const url of ['https://example.com/', 'http://example.com/x', 'file:///etc/passwd', 'about:blank', 'smb://host/share']) {
      expect(w.contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(mock.openExternal.mock.calls).toEqual([['https://example.com/'], ['http://example.com/x']]);
  });
});

describe('external links', () => {
  it('only http(s) URLs with a host', () => {
    expect(isExternalWebUrl('https://example.com/a?b#c')).toBe(true);
    expect(isExternalWebUrl('http://localhost:8080/')).toBe(true);
    for (const u of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'mailto:a@b.c', 'ms-settings:', 'vbscript:x', '//example.com', 'https:', 'not a url', '']) {
      expect(isExternalWebUrl(u), u).toBe(false);
    }
    const shell = { openExternal: vi.fn(() => Promise.resolve()) };
    expect(openExternalSafe(shell, 'file:///bin/sh')).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(openExternalSafe(shell, 'https://example.com/')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/');
  });
});

describe('the session', () => {
  function harden() {
    const h: Record<string, Listener> = {};
    const ses = {
      setPermissionRequestHandler: (fn: Listener) => (h.request = fn),
      setPermissionCheckHandler: (fn: Listener) => (h.check = fn),
      webRequest: { onHeadersReceived: (fn: Listener) => (h.headers = fn) },
    };
    hardenSession(ses as never);
    return h;
  }

  it('refuses permission requests and checks (but plain-text clipboard writes)', () => {
    const h = harden();
    for (const p of ['geolocation', 'media', 'notifications', 'openExternal', 'clipboard-read', 'fileSystem', 'hid']) {
      const cb = vi.fn();
      h.request!(null, p, cb, {});
      expect(cb, p).toHaveBeenCalledWith(false);
      expect(h.check!(null, p, 'file://', {}), p).toBe(false);
    }
    expect(ALLOWED_PERMISSIONS).toEqual(['clipboard-sanitized-write']);
    const cb = vi.fn();
    h.request!(null, 'clipboard-sanitized-write', cb, {});
    expect(cb).toHaveBeenCalledWith(true);
  });

  it('adds the content security policy to every response', () => {
    const h = harden();
    const cb = vi.fn();
    h.headers!({ responseHeaders: { 'Content-Type': ['text/html'] } }, cb);
    expect(cb).toHaveBeenCalledWith({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CSP] } });
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).toContain("object-src 'none'");
    expect(CSP).not.toMatch(/unsafe-eval/);
  });
});
