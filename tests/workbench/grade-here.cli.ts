// Runs the browser worker's grading core (src/runtimes/worker/grade.ts) in plain Node,
// outside Vitest: @vitest/runner keeps module-level state, so it cannot run nested
// inside a Vitest test. Reads a GradeInput as JSON on stdin, writes the GradeReport.
// Usage: node bin/run-ts.mjs tests/workbench/grade-here.cli.ts < input.json
import { readFileSync } from 'node:fs';
import { gradeHere, type GradeInput } from '../../src/runtimes/worker/grade';

const input = JSON.parse(readFileSync(0, 'utf8')) as GradeInput;
const report = await gradeHere(input);
process.stdout.write(JSON.stringify(report));
