import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { RootlineEngine } from '../engine/api/engine';
import { RootlineError } from '../engine/api/errors';
import { API_METHODS } from '../engine/api/surface';
import type { InvokeChannel, IpcReply } from './channels';
import { errorReply, handle, registerApi, registerShell, sameDocument, trustedSender } from './ipc';

const RENDERER = 'file:///opt/Rootline/resources/app.asar/dist/renderer/index.html';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcReply>;

function fakeIpc() {
  const handlers = new Map<string, Listener>();
  return { handlers, ipc: { handle: (channel: string, fn: Listener) => void handlers.set(channel, fn) } };
}

function fakeWindow(destroyed = false) {
  const mainFrame = { parent: null, url: `${RENDERER}#/b/abc/overview` };
  const webContents = { mainFrame };
  return { win: { webContents, isDestroyed: () => destroyed } as unknown as BrowserWindow, webContents, mainFrame };
}

function event(sender: unknown, frame: { parent: unknown; url: string } | null): IpcMainInvokeEvent {
  return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

const quiet = { warn: vi.fn(), error: vi.fn() };

describe('sameDocument', () => {
  it('ignores the hash and the query, nothing else', () => {
    expect(sameDocument(`${RENDERER}#/b/x/timeline?from=1`, RENDERER)).toBe(true);
    expect(sameDocument(`${RENDERER}?a=1`, RENDERER)).toBe(true);
    expect(sameDocument('file:///opt/Rootline/resources/app.asar/dist/renderer/other.html', RENDERER)).toBe(false);
    expect(sameDocument('https://opt/Rootline/resources/app.asar/dist/renderer/index.html', RENDERER)).toBe(false);
    expect(sameDocument('not a url', RENDERER)).toBe(false);
  });
});

describe('trustedSender', () => {
  const { win, webContents, mainFrame } = fakeWindow();
  const check = trustedSender(() => win, RENDERER);

  it('accepts the main frame of our window showing our page', () => {
    expect(check(event(webContents, mainFrame))).toBe(true);
  });

  it('rejects a foreign page, an iframe, another window, a gone frame, no window', () => {
    expect(check(event(webContents, { parent: null, url: 'https://example.com/' }))).toBe(false);
    expect(check(event(webContents, { parent: null, url: 'file:///tmp/evil.html' }))).toBe(false);
    expect(check(event(webContents, { parent: mainFrame, url: RENDERER }))).toBe(false);
    expect(check(event({ other: true }, { parent: null, url: RENDERER }))).toBe(false);
    expect(check(event(webContents, null))).toBe(false);
    expect(trustedSender(() => null, RENDERER)(event(webContents, mainFrame))).toBe(false);
    const gone = fakeWindow(true);
    expect(trustedSender(() => gone.win, RENDERER)(event(gone.webContents, gone.mainFrame))).toBe(false);
  });
});

describe('handle (the one wrapper)', () => {
  const ok = event('ours', { parent: null, url: RENDERER });
  const check = (e: IpcMainInvokeEvent) => e.sender === ('ours' as unknown);

  it('forwards the arguments and the result', async () => {
    const { handlers, ipc } = fakeIpc();
    const fn = vi.fn(async (a: unknown, b: unknown) => ({ got: [a, b] }));
    handle(ipc, 'overview', check, fn as (...a: unknown[]) => unknown, quiet);
    expect(await handlers.get('overview')!(ok, 'ref', 2)).toEqual({ ok: true, result: { got: ['ref', 2] } });
    expect(fn).toHaveBeenCalledWith('ref', 2);
  });

  it('rejects a foreign sender without calling the handler', async () => {
    const { handlers, ipc } = fakeIpc();
    const fn = vi.fn();
    handle(ipc, 'overview', check, fn, quiet);
    const r = await handlers.get('overview')!(event('theirs', { parent: null, url: 'https://example.com/' }));
    expect(r).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('overview') } });
    expect(fn).not.toHaveBeenCalled();
    expect(quiet.warn).toHaveBeenCalledWith(expect.stringContaining('https://example.com/'));
  });

  it('maps a RootlineError to {ok:false, error} with its code and message', async () => {
    const { handlers, ipc } = fakeIpc();
    handle(ipc, 'overview', check, () => Promise.reject(new RootlineError('not-found', 'bundle x has not been opened; open it first')), quiet);
    expect(await handlers.get('overview')!(ok)).toEqual({ ok: false, error: { code: 'not-found', message: 'bundle x has not been opened; open it first' } });
  });

  it('maps any other throw to an internal error (sync throws too)', async () => {
    const { handlers, ipc } = fakeIpc();
    handle(ipc, 'search', check, () => {
      throw new TypeError('boom');
    }, quiet);
    expect(await handlers.get('search')!(ok)).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
    expect(errorReply('plain')).toEqual({ ok: false, error: { code: 'internal', message: 'plain' } });
  });
});

describe('registerApi', () => {
  it('registers one channel per API method, each calling the engine method of that name on the engine', async () => {
    const { handlers, ipc } = fakeIpc();
    const calls: [string, unknown, unknown[]][] = [];
    const engine: Record<string, unknown> = {};
    for (const m of API_METHODS) {
      engine[m] = function (this: unknown, ...args: unknown[]) {
        calls.push([m, this, args]);
        return Promise.resolve(`${m}-result`);
      };
    }
    registerApi(ipc, engine as unknown as RootlineEngine, () => true, quiet);
    expect([...handlers.keys()]).toEqual([...API_METHODS]);
    const e = event('ours', { parent: null, url: RENDERER });
    expect(await handlers.get('fileLines')!(e, 'ref', 3, 1, 200)).toEqual({ ok: true, result: 'fileLines-result' });
    expect(calls).toEqual([['fileLines', engine, ['ref', 3, 1, 200]]]);
  });
});

describe('registerShell', () => {
  it('opens the dialogs and checks saveFile’s arguments', async () => {
    const { handlers, ipc } = fakeIpc();
    const shell = { pickBundle: vi.fn(async () => '/data/outage.tar.gz'), saveFile: vi.fn(async () => true) };
    registerShell(ipc, shell, () => true, quiet);
    const e = event('ours', { parent: null, url: RENDERER });
    expect([...handlers.keys()]).toEqual(['shell:pickBundle', 'shell:saveFile'] satisfies InvokeChannel[]);
    expect(await handlers.get('shell:pickBundle')!(e)).toEqual({ ok: true, result: '/data/outage.tar.gz' });
    expect(await handlers.get('shell:saveFile')!(e, 'postmortem.md', '# text')).toEqual({ ok: true, result: true });
    expect(shell.saveFile).toHaveBeenCalledWith('postmortem.md', '# text');
    expect(await handlers.get('shell:saveFile')!(e, { name: 1 }, 5)).toEqual({ ok: false, error: { code: 'bad-option', message: 'saveFile needs a file name and a text' } });
  });
});
