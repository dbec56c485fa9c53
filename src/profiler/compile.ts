// TypeScript in, instrumented JavaScript out, on the same lines: sucrase strips the
// types (keeping ES imports and modern syntax as written), ./instrument.ts wraps the
// functions, and, for the browser worker's CommonJS-style loader, sucrase turns the
// imports into require() calls. Every step keeps line numbers.
import { transform } from 'sucrase';
import { instrument, type InstrumentOptions, type Site } from './instrument';

export interface CompiledForProfile {
  code: string;
  sites: Site[];
}

export function compileForProfile(
  source: string, filePath: string, options: InstrumentOptions & { modules: 'commonjs' | 'esm' },
): CompiledForProfile {
  const js = transform(source, { transforms: ['typescript'], disableESTransforms: true, filePath, production: true }).code;
  const { code, sites } = instrument(js, options);
  const out = options.modules === 'commonjs'
    ? transform(code, { transforms: ['imports'], disableESTransforms: true, filePath: filePath.replace(/\.ts$/, '.js'), production: true }).code
    : code;
  return { code: out, sites };
}
