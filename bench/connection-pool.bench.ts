// The lab's reference pool against generic-pool 3 and tarn 3: acquire + release
// of an idle resource, one caller at a time, so each round measures the pool's
// own bookkeeping. Target: the reference is no slower than generic-pool.
import genericPool from 'generic-pool';
import { Pool as TarnPool } from 'tarn';
import { Pool } from '../solutions/connection-pool/pool';
import { compare, sized, timedAsync } from './lib';
import type { SuiteResult } from './results';

interface Conn {
  id: number;
}
const createConn = async (): Promise<Conn> => ({ id: 1 });

/** Runs CYCLES acquire+release pairs against a pool already holding one idle resource. */
function cycles(acquire: () => Promise<Conn>, release: (c: Conn) => unknown) {
  const n = sized(100_000);
  return timedAsync(n, async () => {
    for (let i = 0; i < n; i++) release(await acquire());
  });
}

export default async function connectionPoolBench(): Promise<SuiteResult[]> {
  const reference = new Pool<Conn>({ create: createConn, destroy: () => {} }, { min: 1, max: 1 });
  await reference.ready();

  const generic = genericPool.createPool<Conn>({ create: createConn, destroy: async () => {} }, { min: 1, max: 1 });
  await generic.ready();

  const tarn = new TarnPool<Conn>({ create: createConn, destroy: () => {}, min: 1, max: 1 });
  const warm = await tarn.acquire().promise; // tarn creates lazily: make its one resource idle first
  tarn.release(warm);

  const suite = await compare({
    id: 'connection-pool/acquire-release',
    lab: 'connection-pool',
    title: { en: 'Pool acquire + release of an idle resource', zh: '连接池：借出并归还一个空闲资源' },
    about: {
      en: 'One caller at a time against a pool holding one idle resource, so each cycle measures the pool’s own bookkeeping.',
      zh: '同一时间只有一个调用方，池里有一个空闲资源，所以每一轮量的是池自身的记账开销。',
    },
  }, [
    { name: 'reference Pool', nameZh: '参考实现 Pool', role: 'reference', run: () => cycles(() => reference.acquire(), (c) => reference.release(c)) },
    { name: 'generic-pool 3.9.0', role: 'library', run: () => cycles(() => generic.acquire(), (c) => generic.release(c)) },
    { name: 'tarn 3.1.2', role: 'library', run: () => cycles(() => tarn.acquire().promise, (c) => tarn.release(c)) },
  ]);

  await reference.close();
  await generic.drain();
  await generic.clear();
  await tarn.destroy();
  return [suite];
}
