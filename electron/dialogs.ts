/** Native dialogs: choosing a bundle, saving a file. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserWindow, Dialog, MessageBoxOptions, OpenDialogOptions } from 'electron';
import { safeFileName } from './launch';

export type BundleKind = 'any' | 'folder' | 'file';

const BUNDLE_FILTERS = [
  { name: 'Bundles and logs', extensions: ['zip', 'tar', 'gz', 'tgz', 'log', 'txt', 'json', 'jsonl', 'ndjson', 'csv', 'out'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * macOS can pick a folder or a file in one dialog; Windows and Linux cannot (asked for both they
 * show a folder picker only), so there the user says which first.
 */
export function openDialogOptions(kind: BundleKind): OpenDialogOptions {
  const title = 'Open Bundle';
  if (kind === 'folder') return { title, properties: ['openDirectory'] };
  if (kind === 'file') return { title, properties: ['openFile'], filters: BUNDLE_FILTERS };
  return { title, properties: ['openFile', 'openDirectory'], filters: BUNDLE_FILTERS };
}

type Dialogs = Pick<Dialog, 'showMessageBox' | 'showOpenDialog' | 'showSaveDialog'>;

function messageBox(dialog: Dialogs, win: BrowserWindow | null, opts: MessageBoxOptions) {
  return win ? dialog.showMessageBox(win, opts) : dialog.showMessageBox(opts);
}

export async function pickBundle(dialog: Dialogs, win: BrowserWindow | null, platform: NodeJS.Platform): Promise<string | null> {
  let kind: BundleKind = 'any';
  if (platform !== 'darwin') {
    const { response } = await messageBox(dialog, win, {
      type: 'question',
      title: 'Open Bundle',
      message: 'Open a folder or a file?',
      detail: 'A bundle is a folder of logs, thread dumps and snapshots, an archive of one (.zip, .tar, .tar.gz), or a single log file.',
      buttons: ['Folder…', 'Archive or File…', 'Cancel'],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
    });
    if (response === 2) return null;
    kind = response === 0 ? 'folder' : 'file';
  }
  const opts = openDialogOptions(kind);
  const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

/** Asks where to save (in `dir` under the suggested name) and writes the text; false when cancelled. */
export async function saveText(dialog: Dialogs, win: BrowserWindow | null, dir: string, suggestedName: string, text: string): Promise<boolean> {
  const name = safeFileName(suggestedName);
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1];
  const opts = {
    title: 'Save',
    defaultPath: join(dir, name),
    filters: ext ? [{ name: `${ext.toUpperCase()} file`, extensions: [ext] }, { name: 'All files', extensions: ['*'] }] : [],
  };
  const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
  if (r.canceled || !r.filePath) return false;
  await writeFile(r.filePath, text, 'utf8');
  return true;
}

export function showError(dialog: Pick<Dialog, 'showMessageBox'>, win: BrowserWindow | null, title: string, e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  void messageBox(dialog as Dialogs, win, { type: 'error', title, message: title, detail: message, buttons: ['OK'], noLink: true });
}
