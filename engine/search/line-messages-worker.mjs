// Entry of the worker that reads ordinary lines' messages for the index build. A worker thread gets neither vitest's
// module loader nor a tsx CLI, so its TypeScript body is loaded by engine/runtime/load-body.mjs (the desktop build bundles it instead).
import { loadBody } from '../runtime/load-body.mjs';

await loadBody('./line-messages-worker.ts', import.meta.url);
