import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
  webUtils: { getPathForFile: vi.fn() },
}));

const { createBridge, wireMenuEvents } = await import('./preload');

type Handler = (e: unknown, ...args: unknown[]) => void;

function fakeIpc(replies: Record<string, unknown> = {}) {
  const on = new Map<string, Handler>();
  return {
    on,
    ipc: {
      invoke: vi.fn(async (channel: string, ...args: unknown[]) => replies[channel] ?? { ok: true, result: { channel, args } }),
      on: vi.fn((channel: string, fn: Handler) => on.set(channel, fn)),
      removeListener: vi.fn((channel: string) => on.delete(channel)),
    },
  };
}
const utils = { getPathForFile: vi.fn(() => '/home/me/outage.zip') };

describe('createBridge', () => {
  it('invokes the API method’s own channel with the arguments spread', async () => {
    const { ipc } = fakeIpc();
    const bridge = createBridge(ipc as never, utils);
    expect(await bridge.call('fileLines', ['ref', 3, 1, 100])).toEqual({ ok: true, result: { channel: 'fileLines', args: ['ref', 3, 1, 100] } });
  });

  it('refuses what is not an API method, or arguments that are not a list, without calling main', async () => {
    const { ipc } = fakeIpc();
    const bridge = createBridge(ipc as never, utils);
    expect(await bridge.call('shell:saveFile', [])).toEqual({ ok: false, error: { code: 'not-found', message: 'no API method shell:saveFile' } });
    expect(await bridge.call('constructor', [])).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await bridge.call('overview', 'ref' as never)).toMatchObject({ ok: false, error: { code: 'bad-option' } });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('unwraps the dialogs’ replies, throwing their errors with the code', async () => {
    const { ipc } = fakeIpc({
      'shell:pickBundle': { ok: true, result: '/data/bundle' },
      'shell:saveFile': { ok: false, error: { code: 'internal', message: 'EACCES: permission denied' } },
    });
    const bridge = createBridge(ipc as never, utils);
    expect(await bridge.pickBundle()).toBe('/data/bundle');
    await expect(bridge.saveFile('a.md', 'x')).rejects.toMatchObject({ message: 'EACCES: permission denied', code: 'internal' });
    expect(ipc.invoke).toHaveBeenLastCalledWith('shell:saveFile', 'a.md', 'x');
  });

  it('forwards job events until unsubscribed', () => {
    const { ipc, on } = fakeIpc();
    const bridge = createBridge(ipc as never, utils);
    const seen: unknown[] = [];
    const off = bridge.onJob((s) => seen.push(s.id));
    on.get('push:job')!({}, { id: 'j1' });
    off();
    expect(seen).toEqual(['j1']);
    expect(on.has('push:job')).toBe(false);
  });

  it('resolves the path of a dropped file', () => {
    const bridge = createBridge(fakeIpc().ipc as never, utils);
    expect(bridge.pathForFile({} as File)).toBe('/home/me/outage.zip');
  });
});

describe('wireMenuEvents', () => {
  it('turns the theme command into the window event and navigates to app routes only', () => {
    const { ipc, on } = fakeIpc();
    const target = { dispatchEvent: vi.fn(), location: { hash: '#/' } };
    wireMenuEvents(ipc as never, target as never);
    on.get('push:toggleTheme')!({});
    expect(target.dispatchEvent).toHaveBeenCalledWith(expect.objectContaining({ type: 'rootline:toggle-theme' }));
    on.get('push:navigate')!({}, '#/open/0b6c3a1e-1c1f-4c55-9d43-2f3b8c1d2e4f');
    expect(target.location.hash).toBe('#/open/0b6c3a1e-1c1f-4c55-9d43-2f3b8c1d2e4f');
    for (const bad of ['javascript:alert(1)', 'https://example.com/', '#/"><img>', 42, null]) on.get('push:navigate')!({}, bad);
    expect(target.location.hash).toBe('#/open/0b6c3a1e-1c1f-4c55-9d43-2f3b8c1d2e4f');
  });
});
