/**
 * Pins the IPC and preload surface against the engine API and the renderer's PreloadBridge: changing
 * any of them is deliberate — edit this test, the engine's surface list and the renderer together.
 */
import { describe, expect, it, vi } from 'vitest';
import { RootlineEngine } from '../engine/api/engine';
import { API_METHODS } from '../engine/api/surface';
import type { PreloadBridge } from '../renderer/src/api/transport';
import { INVOKE_CHANNELS, PUSH_CHANNELS, SHELL_CHANNELS } from './channels';

const exposed = vi.hoisted(() => ({ key: '', api: null as Record<string, unknown> | null }));
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: Record<string, unknown>) => {
      exposed.key = key;
      exposed.api = api;
    },
  },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
  webUtils: { getPathForFile: vi.fn() },
}));

const PINNED_CHANNELS = [
  'version', 'recentBundles', 'samples', 'ingest', 'job', 'cancel', 'overview', 'guide', 'fileLines',
  'annotations', 'addAnnotation', 'updateAnnotation', 'deleteAnnotation', 'timeline', 'timelineSources',
  'listSeries', 'seriesData', 'search', 'searchStatus', 'sql', 'sqlSchema', 'exportPostmortem',
  'shell:pickBundle', 'shell:saveFile',
];
const PINNED_PUSH = ['push:job', 'push:toggleTheme', 'push:navigate'];

/** Every key of the renderer's PreloadBridge, optional ones included: the compiler keeps this exhaustive. */
const BRIDGE_KEYS: Record<keyof PreloadBridge, true> = { call: true, onJob: true, pickBundle: true, saveFile: true, pathForFile: true };

describe('IPC surface', () => {
  it('is the engine API plus the shell channels, pinned', () => {
    expect([...INVOKE_CHANNELS]).toEqual(PINNED_CHANNELS);
    expect(INVOKE_CHANNELS.slice(0, API_METHODS.length)).toEqual([...API_METHODS]);
    expect(Object.values(SHELL_CHANNELS)).toEqual(PINNED_CHANNELS.slice(API_METHODS.length));
    expect(new Set(INVOKE_CHANNELS).size).toBe(INVOKE_CHANNELS.length);
  });

  it('pushes only the pinned events', () => {
    expect(Object.values(PUSH_CHANNELS)).toEqual(PINNED_PUSH);
  });

  it('has an engine method behind every API channel', () => {
    const proto = RootlineEngine.prototype as unknown as Record<string, unknown>;
    for (const m of API_METHODS) expect(typeof proto[m], m).toBe('function');
  });

  it('exposes exactly the renderer’s PreloadBridge on window.rootline', async () => {
    await import('./preload');
    expect(exposed.key).toBe('rootline');
    expect(Object.keys(exposed.api ?? {}).sort()).toEqual(Object.keys(BRIDGE_KEYS).sort());
    for (const k of Object.keys(BRIDGE_KEYS)) expect(typeof exposed.api?.[k], k).toBe('function');
  });
});
