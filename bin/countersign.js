#!/usr/bin/env -S node --max-semi-space-size=4
// The `countersign` command. The TypeScript sources are compiled into dist/ by `npm ci` (prepare).
// V8's young generation is kept to 4 MB semi-spaces, as by `npm start` (package.json): a V8 flag can
// only be given when the process starts (docs/operations.md, "Memory").
import '../dist/cli/main.js';
