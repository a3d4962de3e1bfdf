#!/usr/bin/env node
// Installed `rootline` command: runs the TypeScript CLI, bundled once from its sources
// (engine/runtime/load-body.mjs: faster to start and lighter than transforming module by module).
import { loadModule } from '../engine/runtime/load-body.mjs';

const { main } = await loadModule('../cli/main.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2));
