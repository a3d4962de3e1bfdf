#!/usr/bin/env node
// Installed `rootline` command: runs the TypeScript CLI, bundled once from its sources
// (engine/runtime/load-body.mjs: faster to start and lighter than transforming module by module).
//
// The CLI analyses in this thread, and V8's young generation is sized when the process starts: with
// its default 16 MB semi-spaces a 4M-line analysis peaked at 231 MiB, with 4 MB ones at 197 MiB
// (engine/runtime/worker-limits.ts says the same of the worker threads). So the command starts
// itself once more with that flag, unless it was started with a semi-space size already.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SEMI_SPACE = '--max-semi-space-size';
const FLAG = `${SEMI_SPACE}=4`;

if (process.execArgv.some((a) => a.startsWith(SEMI_SPACE)) || (process.env.NODE_OPTIONS ?? '').includes(SEMI_SPACE)) {
  const { loadModule } = await import('../engine/runtime/load-body.mjs');
  const { main } = await loadModule('../cli/main.ts', import.meta.url);
  process.exitCode = await main(process.argv.slice(2));
} else {
  const child = spawn(process.execPath, [...process.execArgv, FLAG, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  // A terminal's Ctrl+C reaches both processes: the child's CLI decides what it does (analyze
  // cancels); this one only waits. Signals sent to this process alone are passed on.
  process.on('SIGINT', () => {});
  for (const sig of ['SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
}
