// The profiler's workload for this lab (lab.json "workload"): the harness measuring
// itself. A Recorder wraps four functions called 100 000 times in all on a virtual
// clock, then reports (a summary per name: sorts, percentiles, outliers); `compare`
// checks 20 pairs of runs of 5 000 samples each for regressions (rank tests); `measure`
// times a tiny function with batching on a coarse clock. Summaries and comparisons
// should be dominated by one sort each, not by repeated sorting or scanning.
import { seededRandom } from '@grader-kit';
import { Recorder, compare, formatReport, measure } from '@impl/benchmark-harness/bench';

const CALLS = 100_000;
const PAIRS = 20;
const SAMPLES = 5_000;

function lognormal(random: () => number, median: number, sigma: number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return median * Math.exp(sigma * normal);
}

export function prepare() {
  const random = seededRandom(3);
  const costs = Float64Array.from({ length: CALLS }, () => lognormal(random, 0.05, 0.6));
  const runs = Array.from({ length: PAIRS }, (_, i) => {
    const slower = i % 4 === 0 ? 1.08 : 1; // a quarter of the candidates really are 8% slower
    return {
      baseline: Array.from({ length: SAMPLES }, () => lognormal(random, 120, 0.25)),
      candidate: Array.from({ length: SAMPLES }, () => lognormal(random, 120 * slower, 0.25)),
    };
  });

  return async () => {
    let now = 0;
    const clock = () => now;
    const recorder = new Recorder(clock);
    const work = (ms: number) => { now += ms; return ms; };
    const fns = ['parse', 'plan', 'execute', 'render'].map((name) => recorder.wrap(name, work));
    for (let i = 0; i < CALLS; i++) fns[i & 3](costs[i]);
    const report = formatReport(recorder.report());

    const verdicts = runs.map(({ baseline, candidate }) => compare(baseline, candidate).verdict);

    // A clock that only ticks in steps of 0.1 ms, as a browser's does: measure must batch calls.
    let ticks = 0;
    const coarse = () => Math.floor(ticks / 100) * 0.1;
    const measured = await measure(() => { ticks += 3; }, { samples: 30, warmup: 10, minSampleMs: 5, clock: coarse });
    return { report, verdicts, batch: measured.batch };
  };
}
