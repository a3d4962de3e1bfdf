/**
 * The API surface every face exposes: Electron's preload and IPC handlers and the browser bridge are
 * generated from this list, and a test pins it — adding or renaming a method is a deliberate change.
 */
import type { RootlineEngine } from './engine';

export const API_METHODS = [
  'version',
  'recentBundles',
  'samples',
  'ingest',
  'job',
  'cancel',
  'overview',
  'guide',
  'fileLines',
  'annotations',
  'addAnnotation',
  'updateAnnotation',
  'deleteAnnotation',
  'timeline',
  'timelineSources',
  'listSeries',
  'seriesData',
  'search',
  'searchStatus',
  'sql',
  'sqlSchema',
  'exportPostmortem',
] as const;

export type ApiMethod = (typeof API_METHODS)[number];

/** The typed API as the renderer sees it (every method async, JSON in and out). */
export type RootlineApi = Pick<RootlineEngine, ApiMethod>;

export type ApiArgs<M extends ApiMethod> = Parameters<RootlineApi[M]>;
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<RootlineApi[M]>>;

/** Pushed to the faces while jobs run. */
export type { JobState } from './jobs';

export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name);
}
