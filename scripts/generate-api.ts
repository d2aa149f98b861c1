import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_TYPES_FILES, generateApiTypes } from './api-types.js';
import { generateRequestValidators, REQUEST_VALIDATORS_FILE } from './request-validators.js';

// `npm run generate:api`: after changing a schema in src/api, regenerate the types of the web app,
// the CLI and the typed client (@countersign/client): one document, one text, written to each; and
// the web app's request validators, from the same routes' body schemas.
const types = await generateApiTypes();
for (const url of API_TYPES_FILES) {
  const file = fileURLToPath(url);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, types);
  console.log(`Wrote ${file}`);
}
const validators = fileURLToPath(REQUEST_VALIDATORS_FILE);
writeFileSync(validators, await generateRequestValidators());
console.log(`Wrote ${validators}`);
