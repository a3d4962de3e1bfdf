import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NATIVE_MARKER, probeElectron, probeNative } from './electron-runtime';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rootline-electron-probe-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function electronPackage(version = '45.4.1') {
  const pkg = join(dir, 'electron');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'electron', version }));
  return pkg;
}

describe('probeElectron', () => {
  it('reports a runtime that was never downloaded (this workplace)', () => {
    expect(probeElectron(electronPackage(), {})).toEqual({
      state: 'missing',
      version: '45.4.1',
      reason: 'the Electron 45.4.1 runtime has not been downloaded (node_modules/electron/path.txt is missing)',
      downloadable: true,
    });
    expect(probeElectron(join(dir, 'nope'), {})).toMatchObject({ state: 'missing', downloadable: false });
  });

  it('reports a path.txt whose executable is gone, or a runtime of another version', () => {
    const pkg = electronPackage();
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    expect(probeElectron(pkg, {})).toMatchObject({ state: 'missing', downloadable: true, reason: expect.stringContaining('does not exist') });
    mkdirSync(join(pkg, 'dist'));
    writeFileSync(join(pkg, 'dist', 'electron'), '');
    writeFileSync(join(pkg, 'dist', 'version'), 'v44.0.0');
    expect(probeElectron(pkg, {})).toMatchObject({ state: 'missing', reason: 'the downloaded Electron runtime is 44.0.0, the electron package is 45.4.1' });
  });

  it('finds a downloaded runtime, or the one $ELECTRON_OVERRIDE_DIST_PATH names', () => {
    const pkg = electronPackage();
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    mkdirSync(join(pkg, 'dist'));
    writeFileSync(join(pkg, 'dist', 'electron'), '');
    writeFileSync(join(pkg, 'dist', 'version'), 'v45.4.1');
    expect(probeElectron(pkg, {})).toEqual({ state: 'present', executable: join(pkg, 'dist', 'electron'), version: '45.4.1' });
    const custom = join(dir, 'custom');
    mkdirSync(custom);
    writeFileSync(join(custom, 'electron'), '');
    expect(probeElectron(electronPackage(), { ELECTRON_OVERRIDE_DIST_PATH: custom })).toEqual({ state: 'present', executable: join(custom, 'electron'), version: '45.4.1' });
  });
});

describe('probeNative', () => {
  it('wants the marker of this Electron version and the built module', () => {
    expect(probeNative(dir, '45.4.1')).toEqual({ ready: false, reason: 'better-sqlite3 has not been built for Electron 45.4.1' });
    const release = join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release');
    mkdirSync(release, { recursive: true });
    writeFileSync(join(release, 'better_sqlite3.node'), '');
    writeFileSync(join(dir, NATIVE_MARKER), '44.0.0');
    expect(probeNative(dir, '45.4.1')).toEqual({ ready: false, reason: 'better-sqlite3 was built for Electron 44.0.0, not 45.4.1' });
    writeFileSync(join(dir, NATIVE_MARKER), '45.4.1');
    expect(probeNative(dir, '45.4.1')).toEqual({ ready: true, modules: join(dir, 'node_modules') });
  });
});
