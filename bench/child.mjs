// Runs a bench/ TypeScript script as the `rootline` command runs the CLI (bundled once from its
// sources: engine/runtime/load-body.mjs), so a benchmark pays the start-up a user pays, not tsx's.
// Usage: node bench/child.mjs <script.ts> [args…]; the script sees its args as process.argv.slice(2).
import { loadBody } from '../engine/runtime/load-body.mjs';

const [script] = process.argv.splice(2, 1);
await loadBody(`./${script}`, import.meta.url);
