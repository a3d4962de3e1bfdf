/** electron-builder.yml is valid for electron-builder and coherent with how build-electron.ts lays out the app. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NATIVE_PACKAGES } from '../scripts/rebuild-electron';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  productName: string;
  /** getConfig normalises the list to one file set. */
  files: { filter: string[] }[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
}
// electron-builder's own loader and validator (what `electron-builder` runs first).
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};

const load = () => getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
const patterns = (c: BuilderConfig) => c.files.flatMap((f) => f.filter);

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema validation', async () => {
    await expect(validateConfiguration(await load(), { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  it('names the app and builds AppImage and deb, dmg, nsis; rebuilds native modules for Electron', async () => {
    const c = await load();
    expect(c).toMatchObject({ appId: 'dev.rootline.desktop', productName: 'Rootline', asar: true, npmRebuild: true });
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.mac.target).toEqual(['dmg']);
    expect(c.win.target).toEqual(['nsis']);
  });

  it('ships what package.json main loads, the preload, the renderer and the samples', async () => {
    const c = await load();
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(patterns(c)).toEqual(expect.arrayContaining(['package.json', 'dist/electron/**', 'dist/renderer/**', 'samples/*/bundle/**', 'README.md']));
  });

  it('keeps only better-sqlite3 and its run-time requirements from node_modules, unpacked from the archive', async () => {
    const c = await load();
    const keep = patterns(c).find((f) => f.startsWith('!**/node_modules/!('));
    expect(keep).toBe(`!**/node_modules/!(${NATIVE_PACKAGES.join('|')}){,/**/*}`);
    expect(c.asarUnpack).toEqual(['dist/electron/*.mjs', ...NATIVE_PACKAGES.map((p) => `node_modules/${p}/**`)]);
    // the .node file itself stays (only build leftovers are dropped)
    expect(patterns(c).filter((f) => f.includes('better-sqlite3/build')).join(' ')).not.toMatch(/better_sqlite3\.node|Release\/\*|Release\{/);
  });
});
