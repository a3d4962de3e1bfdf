/**
 * The Electron main process: app lifecycle and the window. The engine runs here, in-process, and the
 * renderer reaches it through the IPC handlers of ipc.ts. Bundled to dist/electron/main.cjs by
 * scripts/build-electron.ts (the engine inside; better-sqlite3 and electron stay external).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, screen, session, shell } from 'electron';
import { RootlineEngine } from '../engine/api/engine';
import { PUSH_CHANNELS, type PushChannel } from './channels';
import { pickBundle, saveText, showError } from './dialogs';
import { registerApi, registerShell, trustedSender } from './ipc';
import { appFiles, bundleFromArgv, bundleRefFromUrl, postmortemFileName, type AppFiles } from './launch';
import { menuTemplate } from './menu';
import { hardenSession, hardenWebContents, openExternalSafe, secureWebPreferences } from './security';
import { loadWindowState, trackWindow, type WindowState } from './window-state';

export const APP_NAME = 'Rootline';

export interface WindowOptions {
  files: AppFiles;
  state: WindowState;
  dark: boolean;
}

/** The one window: secure web preferences, hardened navigation, the built renderer from disk. */
export function createMainWindow({ files, state, dark }: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: APP_NAME,
    backgroundColor: dark ? '#111418' : '#f7f8fa', // the themes' --bg: no white flash before the page paints
    webPreferences: secureWebPreferences(files.preload),
  });
  hardenWebContents(win.webContents, files.rendererUrl, shell);
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  void win.loadFile(files.rendererHtml);
  return win;
}

function main(): void {
  app.setName(APP_NAME); // the user data dir is the same in development and packaged
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();

  const files = appFiles(import.meta.url);
  const engine = new RootlineEngine({ samplesDir: join(files.root, 'samples') });
  let win: BrowserWindow | null = null;
  let pending = bundleFromArgv(process.argv, !!process.defaultApp);
  let shownRef: string | null = null;

  const send = (channel: PushChannel, payload?: unknown) => {
    if (win && !win.isDestroyed()) win.webContents.send(channel, payload);
  };
  const focus = () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  };

  async function openPath(path: string): Promise<void> {
    try {
      const job = await engine.ingest({ path });
      send(PUSH_CHANNELS.navigate, `#/open/${encodeURIComponent(job.id)}`);
      focus();
    } catch (e) {
      showError(dialog, win, `Cannot open ${path}`, e);
    }
  }

  async function exportPostmortem(anonymize: boolean): Promise<void> {
    const ref = shownRef;
    if (!ref) return;
    try {
      const entry = (await engine.recentBundles()).find((b) => b.ref === ref);
      const { markdown } = await engine.exportPostmortem(ref, { anonymize });
      await saveText(dialog, win, app.getPath('documents'), postmortemFileName(entry?.name ?? 'bundle', anonymize), markdown);
    } catch (e) {
      showError(dialog, win, 'Cannot export the postmortem', e);
    }
  }

  function about(): void {
    const v = engine.version();
    void v.then(({ version, schema }) => {
      const opts = {
        type: 'info' as const,
        title: `About ${APP_NAME}`,
        message: `${APP_NAME} ${version}`,
        detail: [
          'Incident-analysis workbench: ingest an outage’s log bundle, detect failure signatures, rank root causes with evidence.',
          '',
          `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
          `Database schema ${schema} · data in ${engine.home}`,
        ].join('\n'),
        buttons: ['OK'],
      };
      return win ? dialog.showMessageBox(win, opts) : dialog.showMessageBox(opts);
    });
  }

  function openDocs(): void {
    let homepage: unknown;
    try {
      homepage = (JSON.parse(readFileSync(join(files.root, 'package.json'), 'utf8')) as { homepage?: unknown }).homepage;
    } catch {
      homepage = undefined;
    }
    if (typeof homepage === 'string' && openExternalSafe(shell, homepage)) return;
    void shell.openPath(join(files.root, 'README.md')); // the README ships with the app
  }

  let menuSeq = 0;
  async function refreshMenu(): Promise<void> {
    const seq = ++menuSeq;
    const recent = await engine.recentBundles().catch(() => []);
    if (seq !== menuSeq) return; // a newer refresh is under way
    const template = menuTemplate({
      platform: process.platform,
      appName: APP_NAME,
      recent,
      canExport: shownRef !== null,
      actions: {
        openBundle: () => void pickBundle(dialog, win, process.platform).then((p) => (p ? openPath(p) : undefined)),
        openRecent: (p) => void openPath(p),
        exportPostmortem: (anonymize) => void exportPostmortem(anonymize),
        toggleTheme: () => send(PUSH_CHANNELS.toggleTheme),
        about,
        openDocs,
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  const check = trustedSender(() => win, files.rendererUrl);
  registerApi(ipcMain, engine, check);
  registerShell(
    ipcMain,
    {
      pickBundle: () => pickBundle(dialog, win, process.platform),
      saveFile: (name, text) => saveText(dialog, win, app.getPath('documents'), name, text),
    },
    check,
  );
  engine.onJob((s) => {
    send(PUSH_CHANNELS.job, s);
    if (s.kind === 'ingest' && s.status !== 'running') void refreshMenu(); // Open Recent gained an entry
  });

  function showWindow(): void {
    const stateFile = join(app.getPath('userData'), 'window-state.json');
    const areas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea);
    win = createMainWindow({ files, state: loadWindowState(stateFile, areas), dark: nativeTheme.shouldUseDarkColors });
    trackWindow(win, stateFile);
    const onUrl = () => {
      const ref = win && !win.isDestroyed() ? bundleRefFromUrl(win.webContents.getURL()) : null;
      if (ref !== shownRef) {
        shownRef = ref;
        void refreshMenu();
      }
    };
    win.webContents.on('did-navigate-in-page', onUrl);
    win.webContents.on('did-finish-load', () => {
      onUrl();
      if (pending) void openPath(pending);
      pending = null;
    });
    win.on('closed', () => {
      win = null;
      shownRef = null;
    });
  }

  app.on('second-instance', (_e, argv) => {
    if (!win) showWindow();
    focus();
    const p = bundleFromArgv(argv, !!process.defaultApp);
    if (p) void openPath(p);
  });
  app.on('open-file', (e, path) => {
    // macOS: a bundle dropped on the Dock icon or opened with the app
    e.preventDefault();
    if (win && !win.webContents.isLoading()) void openPath(path);
    else pending = path;
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (ev) => ev.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafe(shell, url);
      return { action: 'deny' };
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!win) showWindow();
  });
  app.on('will-quit', () => engine.close());

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    showWindow();
    void refreshMenu();
  });
}

// Only inside Electron: tests import this module (with `electron` mocked) for createMainWindow.
if (process.versions.electron) main();
