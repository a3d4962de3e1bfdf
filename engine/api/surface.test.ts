import { describe, expect, it } from 'vitest';
import { RootlineEngine } from './engine';
import { API_METHODS } from './surface';

/** Changing the API is deliberate: edit this list, the faces (IPC, bridge, renderer) and their tests together. */
const PINNED = [
  'version', 'recentBundles', 'samples', 'ingest', 'job', 'cancel', 'overview', 'guide', 'fileLines',
  'annotations', 'addAnnotation', 'updateAnnotation', 'deleteAnnotation', 'timeline', 'timelineSources',
  'listSeries', 'seriesData', 'search', 'searchStatus', 'sql', 'sqlSchema', 'exportPostmortem',
];
/** Engine methods that are not part of the faces' surface, and why. */
const INTERNAL = {
  constructor: 'class',
  onJob: 'faces subscribe through their own channel (IPC events, server-sent events)',
  waitJob: 'CLI and tests only: a face polls `job` or listens to events',
  close: 'process lifecycle',
  handle: 'opens a bundle store (protected)',
};

describe('engine API surface', () => {
  it('is exactly the pinned list', () => {
    expect([...API_METHODS]).toEqual(PINNED);
  });

  it('every surface method exists on the engine, and every other public engine method is known internal', () => {
    const own = Object.getOwnPropertyNames(RootlineEngine.prototype);
    for (const m of API_METHODS) expect(typeof (RootlineEngine.prototype as unknown as Record<string, unknown>)[m], m).toBe('function');
    expect(own.filter((m) => !(API_METHODS as readonly string[]).includes(m)).sort()).toEqual(Object.keys(INTERNAL).sort());
  });
});
