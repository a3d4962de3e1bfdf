import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';

/** Where Rootline keeps its databases: $ROOTLINE_HOME, else $XDG_DATA_HOME/rootline, else ~/.local/share/rootline. */
export function rootlineHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ROOTLINE_HOME) return resolve(env.ROOTLINE_HOME);
  return join(env.XDG_DATA_HOME ? resolve(env.XDG_DATA_HOME) : join(homedir(), '.local', 'share'), 'rootline');
}

/** One database per bundle, named after the bundle so a user can find it. */
export function defaultDbPath(bundlePath: string, home = rootlineHome()): string {
  const abs = resolve(bundlePath);
  const id = createHash('sha1').update(abs).digest('hex').slice(0, 12);
  const name = basename(abs).replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'bundle';
  return join(home, 'bundles', `${name}-${id}.sqlite`);
}

/** Copies of archive members live beside the database. */
export function contentRootFor(dbPath: string): string {
  return `${dbPath}.content`;
}
