import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { RootlineEngine } from '../../engine/api/engine';
import { RootlineError } from '../../engine/api/errors';
import { startBridge } from '../bridge/server';

export const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

export interface ServeFlags {
  port?: string;
  open?: boolean;
  tz?: string;
}

/** Starts the bridge (and the ingest of `bundle`, if given); resolves with the URL once listening. */
export async function serve(bundle: string | undefined, flags: ServeFlags): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new RootlineError('not-found', `the renderer is not built (${RENDERER_DIR}); run \`npm run build\` first`);
  }
  const port = flags.port ? Number(flags.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RootlineError('bad-option', `--port must be a port number, not "${flags.port}"`);
  const engine = new RootlineEngine();
  const bridge = await startBridge({ engine, rendererDir: RENDERER_DIR, port });
  let url = bridge.url;
  if (bundle) {
    const job = await engine.ingest({ path: bundle, tz: flags.tz });
    url += `#/open/${job.id}`;
  }
  return {
    url,
    close: async () => {
      await bridge.close();
      engine.close();
    },
  };
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the Rootline UI and its API on 127.0.0.1 for a browser (optionally opening a bundle)')
    .argument('[bundle]', 'bundle to open right away')
    .option('--port <port>', 'port to listen on (default: any free port)')
    .option('--tz <zone>', 'time zone of logs that print none')
    .option('--open', 'open the URL in the default browser')
    .action(async (bundle: string | undefined, flags: ServeFlags) => {
      const s = await serve(bundle, flags);
      process.stdout.write(`Rootline is serving on ${s.url}\n(only this machine can reach it; the URL carries this run's access token)\n`);
      if (flags.open) spawn(process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open', [s.url], { stdio: 'ignore', detached: true }).on('error', () => {}).unref();
      const stop = () => void s.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await new Promise(() => {}); // serve until interrupted
    });
}
