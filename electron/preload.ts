/**
 * The preload (sandboxed, context-isolated): exposes exactly the renderer's `PreloadBridge` on
 * `window.rootline` and nothing else — no ipcRenderer, no Node. Bundled to dist/electron/preload.cjs;
 * a sandboxed preload may require only `electron`, so it imports nothing else at run time.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRenderer, type IpcRendererEvent, type WebUtils } from 'electron';
import type { JobState } from '../engine/api/jobs';
import { isApiMethod } from '../engine/api/surface';
import type { PreloadBridge } from '../renderer/src/api/transport';
import { isNavigableHash, PUSH_CHANNELS, SHELL_CHANNELS, type IpcReply } from './channels';

type Ipc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * The dialogs' replies as the PreloadBridge promises them. A rejection crosses the context bridge as
 * a plain Error: the message survives, extra properties such as `code` do not.
 */
async function unwrap<T>(reply: Promise<IpcReply<T>>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.result;
}

export function createBridge(ipc: Ipc, utils: Pick<WebUtils, 'getPathForFile'>): Required<PreloadBridge> {
  return {
    async call(method, args) {
      if (!isApiMethod(method)) return { ok: false, error: { code: 'not-found', message: `no API method ${method}` } };
      if (!Array.isArray(args)) return { ok: false, error: { code: 'bad-option', message: `${method}: arguments must be an array` } };
      return (await ipc.invoke(method, ...args)) as IpcReply;
    },
    onJob(listener) {
      const forward = (_e: IpcRendererEvent, s: JobState) => listener(s);
      ipc.on(PUSH_CHANNELS.job, forward);
      return () => void ipc.removeListener(PUSH_CHANNELS.job, forward);
    },
    pickBundle: () => unwrap<string | null>(ipc.invoke(SHELL_CHANNELS.pickBundle)),
    saveFile: (suggestedName, text) => unwrap<boolean>(ipc.invoke(SHELL_CHANNELS.saveFile, suggestedName, text)),
    pathForFile: (file) => utils.getPathForFile(file),
  };
}

/** Menu commands become what the renderer already listens to: a window event, a hash route. */
export function wireMenuEvents(ipc: Ipc, target: Pick<Window, 'dispatchEvent' | 'location'>): void {
  ipc.on(PUSH_CHANNELS.toggleTheme, () => target.dispatchEvent(new Event('rootline:toggle-theme')));
  ipc.on(PUSH_CHANNELS.navigate, (_e, hash: unknown) => {
    if (isNavigableHash(hash)) target.location.hash = hash;
  });
}

contextBridge.exposeInMainWorld('rootline', createBridge(ipcRenderer, webUtils));
wireMenuEvents(ipcRenderer, globalThis as unknown as Window);
