/**
 * Writes the JSON Schemas of the Kafka contract to docs/schemas/ (or the directory given as the
 * first argument), generated from the zod definitions: `node dist/libs/messaging/src/generate-schemas.js`.
 * Files of the directory that are no longer generated are removed.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as prettier from 'prettier';
import { schemaDocuments } from './schemas.js';

const directory = resolve(process.argv[2] ?? 'docs/schemas');
mkdirSync(directory, { recursive: true });
const documents = schemaDocuments();
for (const file of readdirSync(directory)) {
  if (file.endsWith('.json') && !documents.has(file)) rmSync(join(directory, file));
}
// Formatted as the repository's prettier check expects.
const options = { ...(await prettier.resolveConfig(join(directory, 'index.json'))), parser: 'json' };
for (const [file, content] of documents) writeFileSync(join(directory, file), await prettier.format(content, options));
process.stdout.write(`wrote ${documents.size} schemas to ${directory}\n`);
