/**
 * Every IPC channel between the main process and the renderer, as literal unions. Runs in main and in
 * the (sandboxed) preload, so it imports nothing but the API list, which is a pure constant module.
 *
 * - Invoke channels (renderer → main, `ipcRenderer.invoke`): one per engine API method, named exactly
 *   like the method, plus the shell's own few (native dialogs).
 * - Push channels (main → renderer, `webContents.send`): job progress and menu commands.
 */
import { API_METHODS, type ApiMethod } from '../engine/api/surface';

export const SHELL_CHANNELS = {
  pickBundle: 'shell:pickBundle',
  saveFile: 'shell:saveFile',
} as const;

export type ShellChannel = (typeof SHELL_CHANNELS)[keyof typeof SHELL_CHANNELS];

/** Everything the renderer may invoke. */
export type InvokeChannel = ApiMethod | ShellChannel;

export const INVOKE_CHANNELS: readonly InvokeChannel[] = [...API_METHODS, ...Object.values(SHELL_CHANNELS)];

export const PUSH_CHANNELS = {
  /** A job changed (ingest progress, done, failed): the payload is a JobState. */
  job: 'push:job',
  /** View → Toggle Theme: the preload turns it into `rootline:toggle-theme` on the window. */
  toggleTheme: 'push:toggleTheme',
  /** Menu commands that change the page (Open Bundle…, Open Recent): the payload is a hash route. */
  navigate: 'push:navigate',
} as const;

export type PushChannel = (typeof PUSH_CHANNELS)[keyof typeof PUSH_CHANNELS];

/** The reply of every invoke channel: the same shape as the bridge's HTTP answers. */
export type IpcReply<T = unknown> = { ok: true; result: T } | { ok: false; error: { code: string; message: string } };

/** Hash routes main may send on `push:navigate` (the renderer's router owns the full grammar). */
export function isNavigableHash(hash: unknown): hash is string {
  return typeof hash === 'string' && hash.length < 512 && /^#\/[A-Za-z0-9/_.~%?=&-]*$/.test(hash);
}
