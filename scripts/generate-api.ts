import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_TYPES_FILES, generateApiTypes } from './api-types.js';

// `npm run generate:api`: after changing a schema in src/api, regenerate the types of the web app,
// the CLI and the typed client (@countersign/client): one document, one text, written to each.
const types = await generateApiTypes();
for (const url of API_TYPES_FILES) {
  const file = fileURLToPath(url);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, types);
  console.log(`Wrote ${file}`);
}
