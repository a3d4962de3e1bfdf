import type { ApiArgs, ApiMethod, ApiResult, JobState } from '../../../engine/api/surface';

/** How the renderer reaches the engine: Electron IPC or the browser bridge. Same API either way. */
export interface Transport {
  kind: 'electron' | 'browser';
  call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResult<M>>;
  onJob(listener: (s: JobState) => void): () => void;
  /** A native "open bundle" dialog (Electron); the browser has the path field and upload instead. */
  pickBundle?(): Promise<string | null>;
  /** Sends a local file to the bridge and returns where it was saved (browser mode only). */
  upload?(file: File, onProgress?: (sent: number, total: number) => void): Promise<string>;
  /** Saves text to a file the user picks (Electron); the browser downloads it instead. */
  saveFile?(suggestedName: string, text: string): Promise<boolean>;
}

/** What Electron's preload exposes on `window.rootline` (see electron/preload.ts). */
export interface PreloadBridge {
  call(method: string, args: unknown[]): Promise<{ ok: true; result: unknown } | { ok: false; error: { code: string; message: string } }>;
  onJob(listener: (s: JobState) => void): () => void;
  pickBundle(): Promise<string | null>;
  saveFile(suggestedName: string, text: string): Promise<boolean>;
  /** Paths of files dropped on the window (Electron resolves them; the browser cannot). */
  pathForFile?(file: File): string;
}

declare global {
  interface Window {
    rootline?: PreloadBridge;
  }
}
