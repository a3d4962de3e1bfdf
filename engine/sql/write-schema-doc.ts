/** Regenerates the reference section of docs/SCHEMA.md: `npx tsx engine/sql/write-schema-doc.ts`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderSchemaReference, spliceReference } from './schema-markdown';

const file = fileURLToPath(new URL('../../docs/SCHEMA.md', import.meta.url));
writeFileSync(file, spliceReference(readFileSync(file, 'utf8'), renderSchemaReference()));
process.stdout.write(`wrote ${file}\n`);
