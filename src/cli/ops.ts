// `workbook ops serve`: the operations playground's simulated service in Node,
// exposing /metrics for a real Prometheus, with its notifications in the terminal.
import { parseArgs } from 'node:util';
import type { Locale } from '../i18n/locale';
import { formatElapsed, t } from '../ops/i18n';
import { OPS_LABS, type LabModules } from '../ops/labs';
import { REFERENCE } from '../ops/reference';
import { loadLabModules, startOpsServer } from '../ops/server';
import { FAULTS } from '../ops/service';
import { Session } from '../ops/session';
import { UsageError, positiveInt } from './usage';
import { implRootOf } from './impl-root';

const USAGE = 'usage: workbook ops serve [--port N] [--host H] [--impl solutions|DIR] [--seed N] [--speed X] [--locale zh|en]';

export async function ops(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'serve') throw new UsageError(USAGE);
  const { values } = parseArgs({
    args: rest,
    options: {
      port: { type: 'string', default: '9464' },
      host: { type: 'string', default: '127.0.0.1' },
      impl: { type: 'string', default: 'solutions' },
      seed: { type: 'string', default: '1' },
      speed: { type: 'string', default: '1' },
      locale: { type: 'string', default: 'en' },
    },
  });
  const port = values.port === '0' ? 0 : positiveInt(values.port, '--port');
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new UsageError(`--seed must be an integer from 0 to 4294967295, got "${values.seed}"`);
  const speed = Number(values.speed);
  if (!(speed > 0) || speed > 3600) throw new UsageError(`--speed must be a number above 0 and at most 3600, got "${values.speed}"`);
  if (values.locale !== 'zh' && values.locale !== 'en') throw new UsageError(`--locale must be zh or en, got "${values.locale}"`);
  const locale: Locale = values.locale;

  // The learner's code where it loads; the reference for each lab where it does not, said per lab.
  const learner: Partial<LabModules> = {};
  if (values.impl !== 'solutions') {
    const root = implRootOf(values.impl);
    const loaded = await loadLabModules(root);
    for (const lab of OPS_LABS) {
      const { module, error } = loaded[lab];
      if (module) Object.assign(learner, { [lab]: module });
      else console.error(`${lab}: ${error}; ${t(locale, 'cli.reference')}`);
    }
  }

  const session = new Session({ seed, locale, reference: REFERENCE, learner, startEpochMs: Date.now() });
  let printed = 0;
  const reported = new Set<string>();
  const onStep = () => {
    for (const message of session.messages.slice(printed)) {
      console.log(t(locale, 'cli.notice', { time: formatElapsed(message.at), channel: message.channel, title: message.title }));
    }
    printed = session.messages.length;
    for (const [lab, failure] of Object.entries(session.runtimeFailures())) {
      if (reported.has(lab)) continue;
      reported.add(lab);
      console.error(t(locale, 'cli.threw', { lab, time: formatElapsed(failure.at), reason: failure.message }));
    }
  };

  const server = await startOpsServer({ session, port, host: values.host, speed, onStep });
  const vars = { host: values.host, port: server.port, seed, speed };
  console.log(t(locale, 'cli.serving', vars));
  for (const lab of OPS_LABS) {
    const source = session.sources()[lab] === 'learner' ? t(locale, 'cli.learner', { dir: values.impl }) : t(locale, 'cli.reference');
    console.log(t(locale, 'cli.code', { lab, source }));
  }
  console.log(t(locale, 'cli.faults', { ...vars, faults: Object.keys(FAULTS).join('|') }));
  console.log(`${t(locale, 'cli.scrape')}\n  scrape_configs:\n    - job_name: agent-api\n      scrape_interval: 5s\n      static_configs:\n        - targets: ['${values.host}:${server.port}']`);

  // Serve until interrupted.
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
