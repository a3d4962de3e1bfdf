import { describe, expect, it } from 'vitest';
import { appFiles, bundleFromArgv, bundleRefFromUrl, postmortemFileName, safeFileName } from './launch';

describe('appFiles', () => {
  it('finds the preload beside main.cjs and the renderer in dist/renderer', () => {
    expect(appFiles('file:///opt/Rootline/resources/app.asar/dist/electron/main.cjs')).toEqual({
      preload: '/opt/Rootline/resources/app.asar/dist/electron/preload.cjs',
      rendererHtml: '/opt/Rootline/resources/app.asar/dist/renderer/index.html',
      rendererUrl: 'file:///opt/Rootline/resources/app.asar/dist/renderer/index.html',
      root: '/opt/Rootline/resources/app.asar/',
    });
  });
});

describe('bundleFromArgv', () => {
  it('skips the executable, the app path in development, and switches', () => {
    expect(bundleFromArgv(['/usr/bin/electron', 'dist/electron/main.cjs', '/data/outage.zip'], true)).toBe('/data/outage.zip');
    expect(bundleFromArgv(['/usr/bin/electron', 'dist/electron/main.cjs'], true)).toBeNull();
    expect(bundleFromArgv(['/opt/Rootline/rootline-desktop', '--no-sandbox', '/data/logs'], false)).toBe('/data/logs');
    expect(bundleFromArgv(['/opt/Rootline/rootline-desktop'], false)).toBeNull();
  });
});

describe('bundleRefFromUrl', () => {
  it('reads the ref of a bundle route and nothing else', () => {
    expect(bundleRefFromUrl('file:///app/dist/renderer/index.html#/b/3f2a9c/timeline?from=1')).toBe('3f2a9c');
    expect(bundleRefFromUrl('file:///app/dist/renderer/index.html#/b/a%20b/overview')).toBe('a b');
    expect(bundleRefFromUrl('file:///app/dist/renderer/index.html#/b/%E0%A4%A/overview')).toBeNull();
    expect(bundleRefFromUrl('file:///app/dist/renderer/index.html#/open/123')).toBeNull();
    expect(bundleRefFromUrl('file:///app/dist/renderer/index.html#/')).toBeNull();
    expect(bundleRefFromUrl('file:///app/dist/renderer/index.html')).toBeNull();
  });
});

describe('file names', () => {
  it('names a postmortem after its bundle', () => {
    expect(postmortemFileName('outage-2026-11-22.tar.gz', false)).toBe('postmortem-outage-2026-11-22.md');
    expect(postmortemFileName('../My Bundle!.zip', true)).toBe('postmortem-My_Bundle_-anonymised.md');
    expect(postmortemFileName('', false)).toBe('postmortem-bundle.md');
  });

  it('keeps a suggested name inside the folder it is joined to', () => {
    expect(safeFileName('report.md')).toBe('report.md');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Windows\\system.ini')).toBe('system.ini');
    expect(safeFileName('..')).toBe('rootline-export.txt');
    expect(safeFileName('a<b>:c?.csv')).toBe('a_b_c_.csv');
  });
});
