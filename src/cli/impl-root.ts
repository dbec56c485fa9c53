// `--impl solutions|labs|DIR` as the commands that take it (grade, ops serve) understand it.
import { resolve } from 'node:path';
import { catalog } from '../catalog/lab-catalog';
import { isFixture, materializeFixture } from '../node/fixtures';

/** An absolute folder of labs; a known-bad fixture is applied to a fresh copy of its solution. */
export function implRootOf(impl: string): string {
  if (impl === 'solutions') return catalog.dirs.solutions;
  if (impl === 'labs') return catalog.dirs.labs;
  return isFixture(impl) ? materializeFixture(resolve(impl)) : resolve(impl);
}
