/**
 * Writes `evil.zip`: two real logs from the test corpus plus the three classic zip-slip attacks a
 * bundle walker must refuse — a `../` entry, an absolute `/etc/` entry and a symlink to /etc/passwd.
 * Run: npx tsx engine/bundle/__fixtures__/make-evil-zip.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { zipBuffer } from './build';

const corpus = (rel: string) => readFileSync(new URL(`../../../test/fixtures/corpus/${rel}`, import.meta.url));

export const EVIL_ZIP = fileURLToPath(new URL('./evil.zip', import.meta.url));

/** Ordinary entries first and last, the attacks between them. */
export function buildEvilZip(): Promise<Buffer> {
  return zipBuffer([
    { name: 'logs/app.log', data: corpus('hikari/01-starvation-springboot-tail.log') },
    { name: '../evil', data: 'zip-slip: this file must never be written outside the bundle\n' },
    { name: '/etc/evil', data: 'zip-slip: this file must never be written to /etc\n' },
    { name: 'logs/passwd', data: '/etc/passwd', mode: 0o120777 },
    { name: 'logs/pool.log', data: corpus('hikari/02-starvation-multipool-utc.log') },
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(EVIL_ZIP, await buildEvilZip());
  console.log(`wrote ${EVIL_ZIP}`);
}
