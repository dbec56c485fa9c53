// Command-line flags for the scripts: node:util parseArgs, with a bad flag printed as one
// line and exit status 2 (bad usage) instead of a stack trace.
import { parseArgs } from 'node:util';
import { basename } from 'node:path';

export function parseFlags(options, args = process.argv.slice(2)) {
  try {
    return parseArgs({ args, options });
  } catch (err) {
    console.error(`${basename(process.argv[1] ?? 'script')}: ${err.message}`);
    process.exit(2);
  }
}
