/**
 * IPC handlers. Every channel is registered through `handle`, the one wrapper that checks who is
 * calling and turns results and errors into `IpcReply` — the same `{ok, result | error}` the bridge
 * answers over HTTP, so the renderer's two transports behave alike.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { RootlineEngine } from '../engine/api/engine';
import { RootlineError } from '../engine/api/errors';
import { API_METHODS } from '../engine/api/surface';
import { SHELL_CHANNELS, type InvokeChannel, type IpcReply } from './channels';

/** Decides whether an invoke comes from our renderer. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/** `file:///…/index.html#/b/x/overview` and `file:///…/index.html` are the same document. */
export function sameDocument(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.protocol === y.protocol && x.host === y.host && x.pathname === y.pathname;
  } catch {
    return false;
  }
}

/**
 * Only the main frame of our window, showing our renderer's file, may call: not an iframe, not
 * another window, not a page the window was somehow navigated to.
 */
export function trustedSender(getWindow: () => BrowserWindow | null, rendererUrl: string): SenderCheck {
  return (event) => {
    const win = getWindow();
    if (!win || win.isDestroyed()) return false;
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    if (event.sender !== win.webContents) return false;
    return sameDocument(frame.url, rendererUrl);
  };
}

export function errorReply(e: unknown): IpcReply<never> {
  if (e instanceof RootlineError) return { ok: false, error: { code: e.code, message: e.message } };
  const message = e instanceof Error ? e.message : String(e);
  return { ok: false, error: { code: 'internal', message } };
}

type Logger = Pick<Console, 'warn' | 'error'>;

/** The one wrapper: sender check, then the handler's result or its error as an `IpcReply`. */
export function handle(
  ipc: Pick<IpcMain, 'handle'>,
  channel: InvokeChannel,
  check: SenderCheck,
  fn: (...args: unknown[]) => unknown,
  log: Logger = console,
): void {
  ipc.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<IpcReply> => {
    if (!check(event)) {
      const from = event.senderFrame?.url ?? 'a frame that is gone';
      log.warn(`rootline: refused IPC ${channel} from ${from}`);
      return { ok: false, error: { code: 'forbidden', message: `${channel} may only be called by the Rootline window` } };
    }
    try {
      return { ok: true, result: await fn(...args) };
    } catch (e) {
      if (!(e instanceof RootlineError)) log.error(`rootline: IPC ${channel} failed`, e);
      return errorReply(e);
    }
  });
}

/** One channel per API method, each delegating to the engine method of the same name. */
export function registerApi(ipc: Pick<IpcMain, 'handle'>, engine: RootlineEngine, check: SenderCheck, log?: Logger): void {
  for (const method of API_METHODS) {
    const fn = engine[method] as (...a: unknown[]) => Promise<unknown>;
    handle(ipc, method, check, (...args) => fn.apply(engine, args), log);
  }
}

export interface ShellHandlers {
  pickBundle(): Promise<string | null>;
  saveFile(suggestedName: string, text: string): Promise<boolean>;
}

/** The shell's own channels: native dialogs the browser mode does differently. */
export function registerShell(ipc: Pick<IpcMain, 'handle'>, shell: ShellHandlers, check: SenderCheck, log?: Logger): void {
  handle(ipc, SHELL_CHANNELS.pickBundle, check, () => shell.pickBundle(), log);
  handle(
    ipc,
    SHELL_CHANNELS.saveFile,
    check,
    (name, text) => {
      if (typeof name !== 'string' || typeof text !== 'string') throw new RootlineError('bad-option', 'saveFile needs a file name and a text');
      return shell.saveFile(name, text);
    },
    log,
  );
}
