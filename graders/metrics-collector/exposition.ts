// A strict reader of the Prometheus text format (0.0.4) for the graders. It
// accepts what Prometheus accepts, rejects what it rejects (bad names, bad
// escapes, HELP or TYPE twice, a family split in two), and adds the histogram
// rules: cumulative buckets in rising `le` order ending at +Inf = _count, and _sum.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: string;
  help?: string;
  samples: Sample[];
}

export class ExpositionError extends Error {
  constructor(line: number, text: string, problem: string) {
    super(`exposition line ${line} (${JSON.stringify(text)}): ${problem}`);
    this.name = 'ExpositionError';
  }
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const FLOAT = /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|Inf|inf)$|^NaN$/;

/** Parses `text`, throwing ExpositionError at the first thing Prometheus would reject. */
export function parseExposition(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  if (text === '') return families;
  if (!text.endsWith('\n')) throw new ExpositionError(0, text.slice(-20), 'the output must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  const typed = new Set<string>();
  const seenSeries = new Set<string>();
  let current: MetricFamily | undefined;

  const familyFor = (name: string, lineNo: number, line: string, fromSample: boolean): MetricFamily => {
    const base = fromSample ? baseName(name, families) : name;
    if (current?.name === base) return current;
    if (families.has(base)) throw new ExpositionError(lineNo, line, `lines of family "${base}" are not in one group`);
    current = { name: base, type: 'untyped', samples: [] };
    families.set(base, current);
    return current;
  };

  lines.forEach((line, i) => {
    const lineNo = i + 1;
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const meta = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(line);
      if (!meta) return; // an ordinary comment
      const [, keyword, name, rest = ''] = meta;
      if (METRIC_NAME.exec(name)?.[0] !== name) throw new ExpositionError(lineNo, line, `invalid metric name "${name}"`);
      const family = familyFor(name, lineNo, line, false);
      if (keyword === 'HELP') {
        if (family.help !== undefined) throw new ExpositionError(lineNo, line, `second HELP for "${name}"`);
        family.help = unescape(rest, false, lineNo, line);
      } else {
        if (typed.has(name)) throw new ExpositionError(lineNo, line, `second TYPE for "${name}"`);
        if (family.samples.length > 0) throw new ExpositionError(lineNo, line, `TYPE for "${name}" after its samples`);
        if (!TYPES.has(rest.trim())) throw new ExpositionError(lineNo, line, `unknown type "${rest}"`);
        family.type = rest.trim();
        typed.add(name);
      }
      return;
    }
    const sample = parseSample(line, lineNo);
    const family = familyFor(sample.name, lineNo, line, true);
    const seriesKey = sample.name + JSON.stringify(Object.entries(sample.labels).sort());
    if (seenSeries.has(seriesKey)) throw new ExpositionError(lineNo, line, 'the same series appears twice');
    seenSeries.add(seriesKey);
    if (family.type === 'counter' && !(sample.value >= 0)) {
      throw new ExpositionError(lineNo, line, 'a counter cannot be negative or NaN');
    }
    family.samples.push(sample);
  });

  for (const family of families.values()) {
    if (family.type === 'histogram') checkHistogram(family);
  }
  return families;
}

/** `x_bucket`, `x_sum` and `x_count` belong to histogram `x` when `x` was declared one. */
function baseName(name: string, families: Map<string, MetricFamily>): string {
  const match = /^(.*)_(bucket|sum|count)$/.exec(name);
  if (match && families.get(match[1])?.type === 'histogram') return match[1];
  return name;
}

function parseSample(line: string, lineNo: number): Sample {
  const fail = (problem: string): never => {
    throw new ExpositionError(lineNo, line, problem);
  };
  const name = METRIC_NAME.exec(line)?.[0] ?? fail('a sample must start with a metric name');
  let pos = name.length;
  const labels: Record<string, string> = {};
  if (line[pos] === '{') {
    pos++;
    while (line[pos] !== '}') {
      const label = LABEL_NAME.exec(line.slice(pos))?.[0] ?? fail(`invalid label name at column ${pos + 1}`);
      pos += label.length;
      if (line[pos] !== '=' || line[pos + 1] !== '"') fail(`expected ="…" after label ${label}`);
      pos += 2;
      let raw = '';
      while (line[pos] !== '"') {
        if (pos >= line.length) fail(`unterminated value for label ${label}`);
        if (line[pos] === '\\') {
          raw += line.slice(pos, pos + 2);
          pos += 2;
        } else raw += line[pos++];
      }
      pos++; // closing quote
      if (Object.hasOwn(labels, label)) fail(`label ${label} appears twice`);
      labels[label] = unescape(raw, true, lineNo, line);
      if (line[pos] === ',') pos++;
      else if (line[pos] !== '}') fail(`expected , or } after the value of label ${label}`);
    }
    pos++;
  }
  const rest = line.slice(pos);
  const fields = /^ +(\S+)(?: +(-?\d+))?$/.exec(rest) ?? fail('expected a space and a value after the labels');
  if (!FLOAT.test(fields[1])) fail(`invalid value "${fields[1]}"`);
  return { name, labels, value: Number(fields[1].replace(/^([+-]?)[Ii]nf$/, '$1Infinity')) };
}

/** Label values may escape \\, \" and \n; HELP text \\ and \n. Anything else is an error. */
function unescape(raw: string, isLabel: boolean, lineNo: number, line: string): string {
  return raw.replace(/\\(.?)/g, (_, ch: string) => {
    if (ch === '\\') return '\\';
    if (ch === 'n') return '\n';
    if (ch === '"' && isLabel) return '"';
    throw new ExpositionError(lineNo, line, `invalid escape "\\${ch}"`);
  });
}

function checkHistogram(family: MetricFamily): void {
  const series = new Map<string, { buckets: Array<[number, number]>; sum?: number; count?: number }>();
  for (const sample of family.samples) {
    const { le, ...rest } = sample.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const entry = series.get(key) ?? { buckets: [] };
    series.set(key, entry);
    const suffix = sample.name.slice(family.name.length);
    if (suffix === '_bucket') {
      if (le === undefined) throw new Error(`${sample.name}: a bucket without an le label`);
      const bound = Number(le.replace(/^([+-]?)Inf$/, '$1Infinity'));
      if (Number.isNaN(bound)) throw new Error(`${sample.name}: le="${le}" is not a number`);
      entry.buckets.push([bound, sample.value]);
    } else if (suffix === '_sum') entry.sum = sample.value;
    else if (suffix === '_count') entry.count = sample.value;
    else throw new Error(`histogram ${family.name} has a stray sample ${sample.name}`);
  }
  for (const [key, { buckets, sum, count }] of series) {
    const where = `${family.name}${key === '[]' ? '' : ` ${key}`}`;
    if (buckets.length === 0) throw new Error(`${where}: no _bucket lines`);
    buckets.forEach(([bound, n], i) => {
      if (i === 0) return;
      const [prevBound, prevN] = buckets[i - 1];
      if (!(bound > prevBound)) throw new Error(`${where}: le values must rise (${prevBound} then ${bound})`);
      if (n < prevN) throw new Error(`${where}: buckets must be cumulative (le=${prevBound}: ${prevN}, then le=${bound}: ${n})`);
    });
    const [lastBound, lastN] = buckets[buckets.length - 1];
    if (lastBound !== Infinity) throw new Error(`${where}: the last bucket must be le="+Inf"`);
    if (count === undefined || sum === undefined) throw new Error(`${where}: _sum and _count are both required`);
    if (count !== lastN) throw new Error(`${where}: _count ${count} differs from the +Inf bucket ${lastN}`);
  }
}

/** The value of one sample, or undefined when the output has no such series. */
export function sampleValue(
  families: Map<string, MetricFamily>,
  family: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const want = JSON.stringify(Object.entries(labels).sort());
  return families
    .get(family)
    ?.samples.find((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === want)?.value;
}
