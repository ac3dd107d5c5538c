import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { openEmbeddedStore } from '../src/persistence/pglite/insight-store.pglite';
import { openPostgresStore } from '../src/persistence/postgres/insight-store.postgres';
import type { AnswerRecord, ExportFilter, TurnWrite } from '../src/persistence/insight-records.port';
import type { SqlExecutor } from '../src/persistence/sql/sql.executor';
import type { TurnStore } from '../src/interview/turn-store.port';
import type { InsightQueries } from '../src/review/insight-query.port';

/**
 * Insight-store benchmark: write throughput through the port, then review-query latency over a
 * large table.
 *
 *   npx tsx bench/store.bench.ts [--answers 1000000] [--runs 50] [--turns 5000] [--embedded-only]
 *
 * PostgreSQL is measured too when DATABASE_URL is set (in a throw-away schema). The table is
 * filled in two ways: a sample through writeTurn (the real path, one answer per voice turn, and
 * 100-answer turns as a batch path), then the rest with a bulk seed, INSERT ... SELECT over
 * generate_series inside the database, because a million separate turns would measure the
 * harness, not the queries.
 */
export interface StoreBenchOptions {
  /** Answers in the table when query latency is measured. */
  answers?: number;
  /** Timed repetitions of each query. */
  runs?: number;
  /** Single-answer turns written through writeTurn. */
  turns?: number;
  /** Concurrent writeTurn callers (a server handles several sessions at once). */
  concurrency?: number;
  databaseUrl?: string;
  embedded?: boolean;
  log?: (line: string) => void;
}

export interface StoreBenchRow {
  backend: 'embedded' | 'postgres';
  measure: string;
  value: number;
  unit: string;
  notes: string;
}

const DOMAINS = ['money', 'mobility', 'food'] as const;
const LENSES = ['dream', 'fear', 'frustration'] as const;
const THEMES = 12;
const BASE_TIME = Date.UTC(2030, 0, 1);
/** Answers arrive every 30 s on average, so a million span about a year. */
const STEP_MS = 30_000;
const SEED_CHUNK = 100_000;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

function themeFor(n: number): string {
  // Skewed like real answers: a few themes dominate.
  const x = ((n * 2654435761) % 4294967296) / 4294967296;
  return `theme-${String(Math.floor(THEMES * x * x)).padStart(2, '0')}`;
}

function syntheticAnswer(n: number, respondentId: string, sessionId: string): AnswerRecord {
  const theme = themeFor(n);
  return {
    id: `bench-a-${String(n).padStart(9, '0')}`,
    respondentId,
    sessionId,
    platform: 'alexa',
    locale: 'en-GB',
    domain: DOMAINS[n % 3] as string,
    lens: LENSES[Math.floor(n / 3) % 3] as AnswerRecord['lens'],
    questionId: 'bench.q1',
    parentAnswerId: null,
    text: `synthetic answer number ${n}, long enough to look like a sentence someone said aloud`,
    themes: [
      { id: theme, score: 0.8 },
      { id: 'other', score: 0.2 },
    ],
    topTheme: theme,
    sentiment: 0.1,
    wordCount: 14,
    bits: null,
    isProbe: false,
    redactions: [],
    createdAt: new Date(BASE_TIME + n * STEP_MS),
  };
}

function turnOf(first: number, count: number, respondentId: string): TurnWrite {
  const sessionId = `${respondentId}-s`;
  const at = new Date(BASE_TIME + first * STEP_MS);
  return {
    respondentId,
    session: { id: sessionId, respondentId, platform: 'alexa', locale: 'en-GB', startedAt: at, lastTurnAt: at, endedAt: null },
    answers: Array.from({ length: count }, (_, i) => syntheticAnswer(first + i, respondentId, sessionId)),
    consents: [],
    handoffs: [],
  };
}

/** Seeds answers [from, to) inside the database, with their respondents and sessions (ten answers each). */
async function bulkSeed(db: SqlExecutor, from: number, to: number): Promise<void> {
  const respondentsPer = 10;
  const people = `FROM generate_series($1::int / $3::int, ($2::int - 1) / $3::int) AS r,
    LATERAL (SELECT to_timestamp($4::double precision / 1000) + (r::bigint * $3 * $5) * interval '1 millisecond' AS at) AS t`;
  const peopleParams = [from, to, respondentsPer, BASE_TIME, STEP_MS];
  await db.query(
    `INSERT INTO respondents (id, first_seen_at) SELECT 'bench-r-' || r, t.at ${people} ON CONFLICT DO NOTHING`,
    peopleParams,
  );
  await db.query(
    `INSERT INTO sessions (id, respondent_id, platform, locale, started_at, last_turn_at)
     SELECT 'bench-r-' || r || '-s', 'bench-r-' || r, 'alexa', 'en-GB', t.at, t.at ${people} ON CONFLICT DO NOTHING`,
    peopleParams,
  );
  await db.query(
    `INSERT INTO answers (id, respondent_id, session_id, platform, locale, domain, lens, question_id,
                          parent_answer_id, text, themes, top_theme, sentiment, word_count, redactions, created_at)
     SELECT 'bench-a-' || lpad(g::text, 9, '0'), 'bench-r-' || (g / $3::int), 'bench-r-' || (g / $3::int) || '-s',
            'alexa', 'en-GB', (ARRAY['money', 'mobility', 'food'])[1 + g % 3],
            (ARRAY['dream', 'fear', 'frustration'])[1 + (g / 3) % 3], 'bench.q1', NULL,
            'synthetic answer number ' || g || ', long enough to look like a sentence someone said aloud',
            jsonb_build_array(jsonb_build_object('id', t.theme, 'score', 0.8), jsonb_build_object('id', 'other', 'score', 0.2)),
            t.theme, 0.1, 14, '[]'::jsonb,
            to_timestamp($4::double precision / 1000) + (g::bigint * $5::int) * interval '1 millisecond'
     FROM generate_series($1::int, $2::int - 1) AS g,
          LATERAL (SELECT 'theme-' || lpad(floor($6::int * power(((g::bigint * 2654435761) % 4294967296) / 4294967296.0, 2))::int::text, 2, '0') AS theme) AS t`,
    [from, to, respondentsPer, BASE_TIME, STEP_MS, THEMES],
  );
}

async function timeQuery(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 2; i++) await fn(); // warm caches and plans
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function benchBackend(
  backend: StoreBenchRow['backend'],
  // Timed work goes through the ports the service and the review API use; raw SQL only seeds.
  store: TurnStore & InsightQueries,
  db: SqlExecutor,
  opts: Required<Omit<StoreBenchOptions, 'databaseUrl' | 'embedded'>>,
): Promise<StoreBenchRow[]> {
  const rows: StoreBenchRow[] = [];
  const row = (measure: string, value: number, unit: string, notes = ''): void => {
    rows.push({ backend, measure, value, unit, notes });
    opts.log(`[${backend}] ${measure}: ${value.toFixed(unit === 'ms' ? 2 : 0)} ${unit} ${notes}`);
  };
  let next = 0;

  // 1. The real path: one answer per turn, several callers at once.
  const turns = Math.min(opts.turns, opts.answers);
  const latencies: number[] = [];
  let start = performance.now();
  await Promise.all(
    // Each caller stands for one conversation after another: ten turns per respondent, in order,
    // as a voice session would send them.
    Array.from({ length: opts.concurrency }, async (_, caller) => {
      for (let own = 0; next < turns; own++) {
        const n = next++;
        const t0 = performance.now();
        await store.writeTurn(turnOf(n, 1, `bench-w-${caller}-${Math.floor(own / 10)}`));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  let seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  row('writeTurn ingest (1 answer/turn)', turns / seconds, 'answers/s', `${turns} turns, ${opts.concurrency} concurrent callers`);
  row('writeTurn latency p50', percentile(latencies, 50), 'ms', 'under that concurrency');
  row('writeTurn latency p95', percentile(latencies, 95), 'ms', '');

  // 2. Batches through the same port: 100 answers per turn, one caller.
  const batchTotal = Math.min(20_000, Math.max(0, opts.answers - next));
  start = performance.now();
  for (let done = 0; done < batchTotal; done += 100) {
    const count = Math.min(100, batchTotal - done);
    await store.writeTurn(turnOf(next, count, `bench-b-${next}`));
    next += count;
  }
  seconds = (performance.now() - start) / 1000;
  if (batchTotal > 0) row('writeTurn ingest (100 answers/turn)', batchTotal / seconds, 'answers/s', `${batchTotal} answers`);

  // 3. Bulk seed the rest inside the database.
  const seedTotal = opts.answers - next;
  if (seedTotal > 0) {
    start = performance.now();
    for (let from = next; from < opts.answers; from += SEED_CHUNK) {
      const to = Math.min(opts.answers, from + SEED_CHUNK);
      await bulkSeed(db, from, to);
      opts.log(`[${backend}] seeded ${to.toLocaleString('en')} / ${opts.answers.toLocaleString('en')} answers`);
    }
    seconds = (performance.now() - start) / 1000;
    row('bulk seed (INSERT … SELECT generate_series)', seedTotal / seconds, 'answers/s', `${seedTotal} answers in ${seconds.toFixed(1)} s`);
  }
  start = performance.now();
  await db.exec('VACUUM ANALYZE answers');
  row('VACUUM ANALYZE after load', performance.now() - start, 'ms', '');
  const { rows: counted } = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM answers');
  const total = Number(counted[0]?.n ?? 0);

  // 4. Review queries over the whole table.
  const queries: [string, ExportFilter][] = [
    ['countThemes, all answers (domain × lens × theme)', {}],
    ['countThemes, last 30 days', { since: new Date(BASE_TIME + total * STEP_MS - 30 * 86_400_000) }],
    ['single filtered count (domain+lens+theme)', { domain: 'money', lens: 'fear', theme: 'theme-00' }],
  ];
  for (const [label, filter] of queries) {
    const groups = (await store.countThemes(filter)).length;
    const { p50, p95 } = await timeQuery(opts.runs, () => store.countThemes(filter));
    const notes = `${opts.runs} runs over ${total.toLocaleString('en')} answers, ${groups} groups`;
    row(`${label} p50`, p50, 'ms', notes);
    row(`${label} p95`, p95, 'ms', '');
  }
  return rows;
}

export async function runStoreBench(options: StoreBenchOptions = {}): Promise<StoreBenchRow[]> {
  const opts = {
    answers: options.answers ?? 1_000_000,
    runs: options.runs ?? 50,
    turns: options.turns ?? 5_000,
    concurrency: options.concurrency ?? 8,
    log: options.log ?? (() => undefined),
  };
  const rows: StoreBenchRow[] = [];

  if (options.embedded ?? true) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-bench-'));
    const store = await openEmbeddedStore({ dataDir });
    try {
      rows.push(...(await benchBackend('embedded', store, store.executor, opts)));
    } finally {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }

  if (options.databaseUrl !== undefined) {
    const schema = `lifepath_bench_${process.pid}`;
    const store = await openPostgresStore({ databaseUrl: options.databaseUrl, schema });
    try {
      rows.push(...(await benchBackend('postgres', store, store.executor, opts)));
    } finally {
      await store.close();
      const client = new Client({ connectionString: options.databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }
  return rows;
}

export function toMarkdown(rows: StoreBenchRow[]): string {
  const lines = ['| Backend | Measure | Value | Unit | Notes |', '|---|---|---:|---|---|'];
  for (const r of rows) {
    const value = r.unit === 'ms' ? r.value.toFixed(2) : Math.round(r.value).toLocaleString('en');
    lines.push(`| ${r.backend} | ${r.measure} | ${value} | ${r.unit} | ${r.notes} |`);
  }
  return lines.join('\n');
}

function flag(args: string[], name: string): number | undefined {
  const i = args.indexOf(`--${name}`);
  if (i === -1) return undefined;
  const value = Number(args[i + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive whole number`);
  return value;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  runStoreBench({
    answers: flag(args, 'answers'),
    runs: flag(args, 'runs'),
    turns: flag(args, 'turns'),
    databaseUrl: args.includes('--embedded-only') ? undefined : databaseUrl,
    log: (line) => process.stderr.write(`${line}\n`),
  })
    .then((rows) => {
      if (databaseUrl === undefined) process.stderr.write('PostgreSQL not measured: set DATABASE_URL\n');
      process.stdout.write(`${toMarkdown(rows)}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    });
}
