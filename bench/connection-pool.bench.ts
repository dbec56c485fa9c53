// The lab's reference pool against generic-pool 3 and tarn 3: acquire + release
// of an idle resource, one caller at a time, so each round measures the pool's
// own bookkeeping. Target: the reference is no slower than generic-pool.
import genericPool from 'generic-pool';
import { Pool as TarnPool } from 'tarn';
import { Pool } from '../solutions/connection-pool/pool';
import { compare, timedAsync, type BenchResult } from './lib';

const CYCLES = 100_000;

interface Conn {
  id: number;
}
const createConn = async (): Promise<Conn> => ({ id: 1 });

/** Runs CYCLES acquire+release pairs against a pool already holding one idle resource. */
function cycles(acquire: () => Promise<Conn>, release: (c: Conn) => unknown) {
  return timedAsync(CYCLES, async () => {
    for (let i = 0; i < CYCLES; i++) release(await acquire());
  });
}

export default async function connectionPoolBench(): Promise<BenchResult[]> {
  const reference = new Pool<Conn>({ create: createConn, destroy: () => {} }, { min: 1, max: 1 });
  await reference.ready();

  const generic = genericPool.createPool<Conn>({ create: createConn, destroy: async () => {} }, { min: 1, max: 1 });
  await generic.ready();

  const tarn = new TarnPool<Conn>({ create: createConn, destroy: () => {}, min: 1, max: 1 });
  const warm = await tarn.acquire().promise; // tarn creates lazily: make its one resource idle first
  tarn.release(warm);

  const results = await compare('connection-pool: acquire+release, idle resource', [
    { name: 'reference Pool', run: () => cycles(() => reference.acquire(), (c) => reference.release(c)) },
    { name: 'generic-pool 3.9', run: () => cycles(() => generic.acquire(), (c) => generic.release(c)) },
    { name: 'tarn 3.1', run: () => cycles(() => tarn.acquire().promise, (c) => tarn.release(c)) },
  ]);

  await reference.close();
  await generic.drain();
  await generic.clear();
  await tarn.destroy();
  return results;
}
