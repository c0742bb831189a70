#!/usr/bin/env node
// Runs the compiled CLI; `npm run build` (or `npm start`) produces it.
import('../dist/src/cli/main.js');
