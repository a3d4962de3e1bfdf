// Entry of the parse worker thread. A worker thread does not get vitest's module loader (and a built
// app has no tsx CLI either), so the TypeScript body is loaded through tsx's scoped import.
import { tsImport } from 'tsx/esm/api';

await tsImport('./parse-worker.ts', import.meta.url);
