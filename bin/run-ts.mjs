#!/usr/bin/env node
// Runs a TypeScript file with tsx's loader: `node bin/run-ts.mjs file.ts [args...]`.
import { register } from 'tsx/esm/api';
import { register as registerHook } from 'node:module';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

register();
// Reference solutions run in place find their lab's given files in labs/<slug>/.
registerHook('../src/catalog/given-files-hook.mjs', import.meta.url);
const [file, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(file), ...rest];
await import(pathToFileURL(resolve(file)).href);
