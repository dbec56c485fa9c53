#!/usr/bin/env node
// The `workbook` command: TypeScript sources run through tsx's loader.
import { register } from 'tsx/esm/api';
import { register as registerHook } from 'node:module';

register();
// Reference solutions imported in place (`workbook ops serve`) find their lab's given files in labs/.
registerHook('../src/catalog/given-files-hook.mjs', import.meta.url);
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
