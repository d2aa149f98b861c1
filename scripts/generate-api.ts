import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_TYPES_FILE, generateApiTypes } from './api-types.js';

// `npm run generate:api`: after changing a schema in src/api, regenerate the web app's and CLI's types.
const file = fileURLToPath(API_TYPES_FILE);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, await generateApiTypes());
console.log(`Wrote ${file}`);
