#!/usr/bin/env node
// The `countersign` command. The TypeScript sources are compiled into dist/ by `npm ci` (prepare).
import '../dist/cli/main.js';
