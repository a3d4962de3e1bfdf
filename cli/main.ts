#!/usr/bin/env node
/** `rootline` — the engine, headless. */
import { Command, CommanderError } from 'commander';
import { RootlineError } from '../engine/api/errors';
import { registerAnalyze } from './commands/analyze';
import { registerExport } from './commands/export';
import { registerGuide } from './commands/guide';
import { registerServe } from './commands/serve';

export function buildProgram(): Command {
  const program = new Command('rootline')
    .description('Incident-analysis workbench: from an outage\'s log bundle to its likely root cause, with evidence.')
    .showHelpAfterError()
    .exitOverride();
  registerAnalyze(program);
  registerExport(program);
  registerGuide(program);
  registerServe(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof RootlineError) {
      process.stderr.write(`rootline: ${e.message}\n`);
      return e.code === 'not-found' || e.code === 'unreadable' ? 66 : e.code === 'bad-option' ? 2 : 1;
    }
    process.stderr.write(`rootline: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

// Run when executed directly (tsx cli/main.ts or the bin), not when imported by tests.
if (process.argv[1] && /cli[\\/]main\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
