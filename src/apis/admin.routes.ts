import { once } from 'node:events';
import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import type { AdminStore, AnswerRecord } from './admin-store.port';
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

const CSV_COLUMNS = [
  'id', 'respondentId', 'sessionId', 'platform', 'locale', 'domain', 'lens', 'questionId', 'parentAnswerId',
  'text', 'topTheme', 'themes', 'sentiment', 'wordCount', 'redactions', 'createdAt',
] as const;

/** Administrator API (issue 5): erasure on request and a streamed export of every stored answer. */
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
    const csv = query.format === 'csv';
    res.status(200);
    res.type(csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="answers.${query.format}"`);
    if (csv) await write(res, `${CSV_COLUMNS.join(',')}\r\n`);
    let count = 0;
    // One row at a time, waiting for the socket to drain, so memory stays flat at any size.
    for await (const answer of deps.store.exportAnswers(filter)) {
      await write(res, csv ? csvRow(answer) : `${JSON.stringify(answer)}\n`);
      count += 1;
    }
    res.end();
    deps.logger.info('answers-exported', { count, status: 200 });
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
  };
  return `${CSV_COLUMNS.map((c) => csvCell(cells[c])).join(',')}\r\n`;
}

/** RFC 4180 quoting, plus a leading quote on formula-like cells so spreadsheets don't execute them. */
function csvCell(value: unknown): string {
  let s = String(value ?? '');
  if (/^[=+\-@\t\r]/.test(s) && typeof value === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
