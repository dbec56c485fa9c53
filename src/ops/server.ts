// The playground's service in Node, for a real Prometheus: the same session as the
// page, driven by the wall clock (times `speed`), with its metrics on GET /metrics,
// faults on POST /faults/<name>, and the in-page channel printed to the terminal.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalog } from '../catalog/lab-catalog';
import { ENTRY_FILES, OPS_LABS, labModule, type LabModules, type OpsLab } from './labs';
import { FAULTS, type Fault } from './service';
import type { Session } from './session';

/** Content-Type of the Prometheus text format 0.0.4 (the metrics lab's CONTENT_TYPE). */
const EXPOSITION_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type LoadedLab = { module: LabModules[OpsLab]; error?: undefined } | { module?: undefined; error: string };

/**
 * Imports each playground lab from `root` (laid out like labs/: root/<slug>/<file>),
 * through the entry files its graders import. A lab whose files are missing or
 * fail to import comes back with the reason instead.
 */
export async function loadLabModules(root: string): Promise<Record<OpsLab, LoadedLab>> {
  const labs = catalog.labs();
  const out = {} as Record<OpsLab, LoadedLab>;
  // The code runs as graded: the learner's files with the lab's given files on top, laid out afresh.
  const composed = mkdtempSync(join(tmpdir(), 'workbook-ops-'));
  for (const slug of OPS_LABS) {
    const lab = labs.find((l) => l.slug === slug);
    const files = lab ? catalog.implementationFiles(lab, root) : {};
    const missing = lab ? lab.files.filter((f) => files[f] === undefined).map((f) => `${slug}/${f}`) : [`${slug}/lab.json`];
    if (missing.length > 0) {
      out[slug] = { error: `missing ${missing.join(', ')}` };
      continue;
    }
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(composed, slug, name)), { recursive: true });
      writeFileSync(join(composed, slug, name), text);
    }
    try {
      const entries = await Promise.all(ENTRY_FILES[slug].map((file) => import(pathToFileURL(join(composed, slug, file)).href) as Promise<Record<string, unknown>>));
      out[slug] = { module: labModule(slug, entries) };
    } catch (error) {
      out[slug] = { error: (error as Error).message.split('\n')[0] };
    }
  }
  return out;
}

export interface OpsServerOptions {
  session: Session;
  port: number;
  host?: string;
  /** Virtual seconds per real second; 0 holds the simulation still (tests scrape a fixed state). */
  speed: number;
  /** Called after each step of the simulation (the CLI prints new notifications). */
  onStep?: () => void;
}

export interface OpsServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startOpsServer({ session, port, host = '127.0.0.1', speed, onStep }: OpsServerOptions): Promise<OpsServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'GET' && path === '/metrics') {
      res.writeHead(200, { 'content-type': EXPOSITION_TYPE }).end(session.exposition());
      return;
    }
    const fault = /^\/faults\/([a-z-]+)$/.exec(path)?.[1];
    if (req.method === 'POST' && fault !== undefined) {
      if (!(fault in FAULTS)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`unknown fault "${fault}"; known: ${Object.keys(FAULTS).join(', ')}\n`);
        return;
      }
      session.act({ type: 'fault', fault: fault as Fault });
      res.writeHead(202, { 'content-type': 'text/plain' }).end(`${fault} injected\n`);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('GET /metrics, or POST /faults/<name>\n');
  });

  // The wall clock drives the virtual one: each tick moves it by the real time passed, times speed.
  let last = performance.now();
  const ticker = speed > 0
    ? setInterval(() => {
      const now = performance.now();
      session.advance((now - last) * speed);
      last = now;
      onStep?.();
    }, 100)
    : undefined;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    server,
    port: (server.address() as { port: number }).port,
    close: () => {
      clearInterval(ticker);
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
