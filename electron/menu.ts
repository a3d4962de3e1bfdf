/**
 * The application menu. `menuTemplate` is pure (what the menu holds for a platform, the recent
 * bundles and whether a bundle is open), so it is tested without Electron; main.ts builds it again
 * whenever one of those changes.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface RecentBundle {
  name: string;
  path: string;
  available: boolean;
}

export interface MenuActions {
  openBundle(): void;
  openRecent(path: string): void;
  exportPostmortem(anonymize: boolean): void;
  toggleTheme(): void;
  about(): void;
  openDocs(): void;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  appName: string;
  recent: readonly RecentBundle[];
  /** A bundle is showing, so there is something to export. */
  canExport: boolean;
  actions: MenuActions;
}

/** Open Recent lists this many; the home page shows the full list. */
export const MAX_RECENT_ITEMS = 10;

/**
 * What a recent bundle is called in the menu: its name, or `parent/name` when that name alone is
 * ambiguous (the samples are all folders named "bundle").
 */
export function recentLabels(recent: readonly Pick<RecentBundle, 'name' | 'path'>[]): string[] {
  const count = new Map<string, number>();
  for (const r of recent) count.set(r.name, (count.get(r.name) ?? 0) + 1);
  return recent.map((r) => {
    if ((count.get(r.name) ?? 0) < 2) return r.name;
    const parts = r.path.split(/[\\/]+/).filter(Boolean);
    const parent = parts.at(-2);
    return parent ? `${parent}/${r.name}` : r.name;
  });
}

function recentItems(ctx: MenuContext): MenuItemConstructorOptions[] {
  const shown = ctx.recent.filter((r) => r.available).slice(0, MAX_RECENT_ITEMS);
  if (shown.length === 0) return [{ label: 'No Recent Bundles', enabled: false }];
  const labels = recentLabels(shown);
  return shown.map((r, i) => ({
    // "&" would become a mnemonic on Windows and Linux
    label: labels[i]!.replace(/&/g, '&&'),
    sublabel: r.path,
    toolTip: r.path,
    click: () => ctx.actions.openRecent(r.path),
  }));
}

export function menuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const mac = ctx.platform === 'darwin';
  const { actions } = ctx;
  const about: MenuItemConstructorOptions = { label: `About ${ctx.appName}`, click: () => actions.about() };

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open Bundle…', accelerator: 'CmdOrCtrl+O', click: () => actions.openBundle() },
      { label: 'Open Recent', submenu: recentItems(ctx) },
      { type: 'separator' },
      { label: 'Export Postmortem…', accelerator: 'CmdOrCtrl+Shift+E', enabled: ctx.canExport, click: () => actions.exportPostmortem(false) },
      { label: 'Export Anonymised Postmortem…', enabled: ctx.canExport, click: () => actions.exportPostmortem(true) },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { label: 'Toggle Dark/Light Theme', accelerator: 'CmdOrCtrl+Shift+T', click: () => actions.toggleTheme() },
      { type: 'separator' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'resetZoom' },
      { type: 'separator' },
      { role: 'reload' },
      { role: 'toggleDevTools' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [{ label: 'Rootline Documentation', click: () => actions.openDocs() }, ...(mac ? [] : [{ type: 'separator' } as const, about])],
  };

  const template: MenuItemConstructorOptions[] = [file, edit, view];
  if (mac) {
    template.unshift({
      label: ctx.appName,
      submenu: [about, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
    template.push({ role: 'windowMenu' });
  }
  template.push(help);
  return template;
}
