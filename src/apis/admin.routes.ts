import { once } from 'node:events';
import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import type { AdminStore, AnswerRecord, SessionQualityRecord } from './admin-store.port';
import type { Logger } from '../logging/logger';
import { requireAdmin } from '../http/bearer.auth';

export interface AdminDeps {
  store: AdminStore;
  adminApiKey?: string;
  logger: Logger;
}

const RespondentParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be a pseudonymous respondent id') });

const ExportQuery = z
  .object({
    format: z.enum(['jsonl', 'csv']).default('jsonl'),
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    domain: z.string().regex(/^[a-z][a-z0-9-]*$/).optional(),
  })
  .strict();

const SessionQualityQuery = z
  .object({
    format: z.enum(['jsonl', 'csv']).default('jsonl'),
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

// New columns go at the end, so a spreadsheet or script that reads columns by position keeps working.
const CSV_COLUMNS = [
  'id', 'respondentId', 'sessionId', 'platform', 'locale', 'domain', 'lens', 'questionId', 'parentAnswerId',
  'text', 'topTheme', 'themes', 'sentiment', 'wordCount', 'redactions', 'createdAt', 'isProbe', 'bits',
] as const;

const SESSION_CSV_COLUMNS = [
  'sessionId', 'platform', 'locale', 'startedAt', 'endedAt', 'endedReason', 'lastPhase', 'answers', 'probesAsked',
  'probesAnswered', 'probesYieldingMoreWords', 'probesYieldingNewTheme', 'wordsPerAnswer', 'bitsPerAnswer',
  'totalBits', 'nonAnswers', 'misunderstandings', 'domainsCompleted', 'domains',
] as const;

/**
 * Administrator API: erasure on request (issue 5), a streamed export of every stored answer, and
 * the per-session interview-quality summary (issue 9).
 */
export function adminRouter(deps: AdminDeps): Router {
  const router = express.Router();
  // On each route, not router.use: this router shares /api/v1 with others, and a router-level
  // guard would answer their requests with 401 too.
  const admin = requireAdmin(deps.adminApiKey);

  router.delete('/respondents/:id', admin, async (req, res) => {
    const params = parse(RespondentParams, req.params, 'path');
    const result = await deps.store.eraseRespondent(params.id);
    deps.logger.info('respondent-erased', { respondent: params.id, answers: result.answers });
    res.json({ erased: result });
  });

  router.get('/answers/export', admin, async (req, res) => {
    const query = parse(ExportQuery, req.query, 'query');
    const filter = {
      since: query.since ? new Date(query.since) : undefined,
      until: query.until ? new Date(query.until) : undefined,
      domain: query.domain,
    };
    const count = await stream(res, 'answers', query.format, CSV_COLUMNS, deps.store.exportAnswers(filter), csvRow);
    deps.logger.info('answers-exported', { count, status: 200 });
  });

  router.get('/sessions/quality', admin, async (req, res) => {
    const query = parse(SessionQualityQuery, req.query, 'query');
    const filter = {
      since: query.since ? new Date(query.since) : undefined,
      until: query.until ? new Date(query.until) : undefined,
    };
    const count = await stream(res, 'sessions-quality', query.format, SESSION_CSV_COLUMNS, deps.store.sessionQuality(filter), sessionCsvRow);
    deps.logger.info('sessions-quality-exported', { count, status: 200 });
  });

  return router;
}

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || where}: ${i.message}`).join('; ');
    throw new AppError('BAD_REQUEST', `Invalid ${where}: ${problems}`);
  }
  return result.data;
}

async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await once(res, 'drain');
}

/**
 * Streams records as JSON lines or CSV, one row at a time and waiting for the socket to drain,
 * so memory stays flat at any size. Returns how many rows went out.
 */
async function stream<T>(
  res: Response,
  name: string,
  format: 'jsonl' | 'csv',
  columns: readonly string[],
  rows: AsyncIterable<T>,
  toCsv: (row: T) => string,
): Promise<number> {
  const csv = format === 'csv';
  res.status(200);
  res.type(csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}.${format}"`);
  if (csv) await write(res, `${columns.join(',')}\r\n`);
  let count = 0;
  for await (const row of rows) {
    await write(res, csv ? toCsv(row) : `${JSON.stringify(row)}\n`);
    count += 1;
  }
  res.end();
  return count;
}

function csvRow(a: AnswerRecord): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    id: a.id,
    respondentId: a.respondentId,
    sessionId: a.sessionId,
    platform: a.platform,
    locale: a.locale,
    domain: a.domain,
    lens: a.lens,
    questionId: a.questionId,
    parentAnswerId: a.parentAnswerId ?? '',
    text: a.text ?? '',
    topTheme: a.topTheme,
    themes: a.themes.map((t) => `${t.id}:${t.score.toFixed(3)}`).join(' '),
    sentiment: a.sentiment,
    wordCount: a.wordCount,
    redactions: a.redactions.join(' '),
    createdAt: a.createdAt.toISOString(),
    isProbe: a.isProbe,
    bits: a.bits ?? '',
  };
  return `${CSV_COLUMNS.map((c) => csvCell(cells[c])).join(',')}\r\n`;
}

function sessionCsvRow(q: SessionQualityRecord): string {
  const cells: Record<(typeof SESSION_CSV_COLUMNS)[number], unknown> = {
    sessionId: q.sessionId,
    platform: q.platform,
    locale: q.locale,
    startedAt: q.startedAt.toISOString(),
    endedAt: q.endedAt?.toISOString() ?? '',
    endedReason: q.endedReason ?? '',
    lastPhase: q.lastPhase ?? '',
    answers: q.answers,
    probesAsked: q.probesAsked,
    probesAnswered: q.probesAnswered,
    probesYieldingMoreWords: q.probesYieldingMoreWords,
    probesYieldingNewTheme: q.probesYieldingNewTheme,
    wordsPerAnswer: q.wordsPerAnswer ?? '',
    bitsPerAnswer: q.bitsPerAnswer ?? '',
    totalBits: q.totalBits,
    nonAnswers: q.nonAnswers,
    misunderstandings: q.misunderstandings,
    domainsCompleted: q.domainsCompleted,
    // One cell per session: "domain:answered/asked" per area, e.g. "food:1/2 money:3/3".
    domains: q.domains.map((d) => `${d.domain}:${d.answered}/${d.asked}`).join(' '),
  };
  return `${SESSION_CSV_COLUMNS.map((c) => csvCell(cells[c])).join(',')}\r\n`;
}

/** RFC 4180 quoting, plus a leading quote on formula-like cells so spreadsheets don't execute them. */
function csvCell(value: unknown): string {
  let s = String(value ?? '');
  if (/^[=+\-@\t\r]/.test(s) && typeof value === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
