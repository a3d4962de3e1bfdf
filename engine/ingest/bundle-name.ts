import { basename, dirname } from 'node:path';

/** Collectors name their folders generically (`bundle`, `logs`): show the parent too. */
export function displayName(path: string): string {
  const base = basename(path);
  return /^(bundle|logs?|dumps?|export|data|out|incident)$/i.test(base) ? `${basename(dirname(path))}/${base}` : base;
}
