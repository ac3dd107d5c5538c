import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { buildLambda, LAMBDA_BUNDLE_OPTIONS } from '../scripts/build-lambda';

/**
 * Cold start of the Alexa Lambda bundle (process start to first response) and its size, next to
 * a bare ask-sdk-core skill bundled the same way, measured in the same run on the same machine.
 */
const ROOT = path.resolve(__dirname, '..');
const LAUNCH = path.join(ROOT, 'test', 'fixtures', 'alexa', 'launch-request.json');
const HOST = path.join(__dirname, 'fixtures', 'cold-start.fixture.js');

export interface ColdStartRow {
  variant: string;
  bundleKiB: number;
  runs: number;
  loadMsP50: number;
  firstResponseMsP50: number;
  firstResponseMsP95: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function measure(variant: string, bundle: string, runs: number, env: Record<string, string>): ColdStartRow {
  const load: number[] = [];
  const first: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    // Wall time from spawn to the response line: includes Node's own start, as a Lambda cold start does.
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [HOST, bundle, LAUNCH], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
    const wall = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`${variant} cold start failed: ${result.stderr}`);
    const timing = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { loadStart: number; loaded: number; done: number; spoke: boolean };
    if (!timing.spoke) throw new Error(`${variant} did not speak`);
    load.push(timing.loaded - timing.loadStart);
    first.push(wall);
  }
  return {
    variant,
    bundleKiB: Math.round(fs.statSync(bundle).size / 1024),
    runs,
    loadMsP50: Math.round(percentile(load, 50)),
    firstResponseMsP50: Math.round(percentile(first, 50)),
    firstResponseMsP95: Math.round(percentile(first, 95)),
  };
}

export async function runLambdaBench(opts: { runs?: number; databaseUrl?: string } = {}): Promise<ColdStartRow[]> {
  const runs = opts.runs ?? 10;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-coldstart-'));
  const bare = path.join(work, 'bare', 'index.js');
  await build({
    entryPoints: [path.join(__dirname, 'fixtures', 'bare-skill.fixture.ts')],
    outfile: bare,
    ...LAMBDA_BUNDLE_OPTIONS,
  });
  await buildLambda();
  const bundle = path.join(ROOT, 'lambda', 'dist', 'index.js');
  const rows = [measure('bare ask-sdk-core skill (floor)', bare, runs, {})];
  // A fresh data folder per run would measure PGlite's first-time initdb, which happens once per
  // container, not per cold start; reuse one folder so every run opens an existing store.
  const dataDir = path.join(work, 'data');
  const env = { PSEUDONYM_SECRET: 'bench-secret-0123456789abcdef', LOG_LEVEL: 'silent', DATA_DIR: dataDir };
  measure('warm-up', bundle, 1, env);
  rows.push(measure('lifepath, embedded store (PGlite)', bundle, runs, env));
  if (opts.databaseUrl) rows.push(measure('lifepath, PostgreSQL (DATABASE_URL)', bundle, runs, { ...env, DATABASE_URL: opts.databaseUrl }));
  fs.rmSync(work, { recursive: true, force: true });
  return rows;
}

export function formatLambdaTable(rows: ColdStartRow[]): string {
  const lines = [
    '| variant | bundle (KiB) | runs | module load p50 (ms) | first response p50 (ms) | first response p95 (ms) |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.variant} | ${r.bundleKiB} | ${r.runs} | ${r.loadMsP50} | ${r.firstResponseMsP50} | ${r.firstResponseMsP95} |`),
  ];
  return lines.join('\n');
}

if (require.main === module) {
  const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || undefined;
  runLambdaBench({ runs: process.argv.includes('--runs') ? runs : undefined, databaseUrl: process.env.DATABASE_URL?.trim() || undefined }).then(
    (rows) => process.stdout.write(`${formatLambdaTable(rows)}\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
