import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MAX_RECENT_ITEMS, menuTemplate, recentLabels, type MenuContext } from './menu';

function context(over: Partial<MenuContext> = {}): MenuContext {
  return {
    platform: 'linux',
    appName: 'Rootline',
    recent: [],
    canExport: false,
    actions: { openBundle: vi.fn(), openRecent: vi.fn(), exportPostmortem: vi.fn(), toggleTheme: vi.fn(), about: vi.fn(), openDocs: vi.fn() },
    ...over,
  };
}

const sub = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const find = (items: MenuItemConstructorOptions[], label: string) => items.find((i) => i.label === label);
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as () => void)();

describe('menuTemplate', () => {
  it('has File, Edit, View, Help on Linux and Windows, and the app and Window menus on macOS', () => {
    expect(menuTemplate(context()).map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const mac = menuTemplate(context({ platform: 'darwin' }));
    expect(mac.map((m) => m.label ?? m.role)).toEqual(['Rootline', '&File', '&Edit', '&View', 'windowMenu', '&Help']);
    expect(sub(mac[0]).map((i) => i.label ?? i.role ?? i.type)).toContain('quit');
  });

  it('File: Open Bundle… on Ctrl/Cmd+O, Open Recent, exports enabled only with a bundle showing', () => {
    const ctx = context();
    const file = sub(menuTemplate(ctx)[0]);
    const open = find(file, 'Open Bundle…');
    expect(open?.accelerator).toBe('CmdOrCtrl+O');
    click(open);
    expect(ctx.actions.openBundle).toHaveBeenCalled();
    expect(find(file, 'Export Postmortem…')?.enabled).toBe(false);
    expect(find(file, 'Export Anonymised Postmortem…')?.enabled).toBe(false);
    expect(sub(find(file, 'Open Recent'))).toEqual([{ label: 'No Recent Bundles', enabled: false }]);
    expect(file.at(-1)).toEqual({ role: 'quit' });

    const shown = context({ canExport: true });
    const file2 = sub(menuTemplate(shown)[0]);
    click(find(file2, 'Export Postmortem…'));
    click(find(file2, 'Export Anonymised Postmortem…'));
    expect(shown.actions.exportPostmortem).toHaveBeenNthCalledWith(1, false);
    expect(shown.actions.exportPostmortem).toHaveBeenNthCalledWith(2, true);
  });

  it('Open Recent lists available bundles, newest first, and opens the one clicked', () => {
    const recent = Array.from({ length: 14 }, (_, i) => ({ name: `outage-${i}.tar.gz`, path: `/data/outage-${i}.tar.gz`, available: i !== 1 }));
    const ctx = context({ recent });
    const items = sub(find(sub(menuTemplate(ctx)[0]), 'Open Recent'));
    expect(items).toHaveLength(MAX_RECENT_ITEMS);
    expect(items.map((i) => i.label)).not.toContain('outage-1.tar.gz');
    expect(items[0]).toMatchObject({ label: 'outage-0.tar.gz', sublabel: '/data/outage-0.tar.gz' });
    click(items[1]);
    expect(ctx.actions.openRecent).toHaveBeenCalledWith('/data/outage-2.tar.gz');
  });

  it('View: theme toggle, zoom, reload, devtools', () => {
    const ctx = context();
    const view = sub(menuTemplate(ctx)[2]);
    click(find(view, 'Toggle Dark/Light Theme'));
    expect(ctx.actions.toggleTheme).toHaveBeenCalled();
    expect(view.map((i) => i.role).filter(Boolean)).toEqual(['zoomIn', 'zoomOut', 'resetZoom', 'reload', 'toggleDevTools', 'togglefullscreen']);
  });

  it('Help: documentation and about', () => {
    const ctx = context();
    const help = sub(menuTemplate(ctx).at(-1));
    click(find(help, 'Rootline Documentation'));
    click(find(help, 'About Rootline'));
    expect(ctx.actions.openDocs).toHaveBeenCalled();
    expect(ctx.actions.about).toHaveBeenCalled();
  });

  it('gives every accelerator to one item only', () => {
    const all: string[] = [];
    const walk = (items: MenuItemConstructorOptions[]) => items.forEach((i) => (i.accelerator && all.push(String(i.accelerator)), walk(sub(i))));
    walk(menuTemplate(context({ platform: 'darwin', canExport: true })));
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('recentLabels', () => {
  it('names a bundle by its folder, adding the parent when names repeat, and escapes "&"', () => {
    expect(recentLabels([{ name: 'a.zip', path: '/x/a.zip' }])).toEqual(['a.zip']);
    expect(recentLabels([
      { name: 'bundle', path: '/repo/samples/incident-3/bundle' },
      { name: 'bundle', path: 'C:\\cases\\incident-1\\bundle' },
      { name: 'x.tgz', path: '/x.tgz' },
    ])).toEqual(['incident-3/bundle', 'incident-1/bundle', 'x.tgz']);
    const items = sub(find(sub(menuTemplate(context({ recent: [{ name: 'R&D logs', path: '/R&D logs', available: true }] }))[0]), 'Open Recent'));
    expect(items[0]?.label).toBe('R&&D logs');
  });
});
