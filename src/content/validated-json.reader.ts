import fs from 'node:fs';
import type { z } from 'zod';
import { AppError } from '../errors/app-error';

/**
 * Reads a JSON data file (content, partners) and validates it, failing with the file and the
 * field named, so whoever edited it can find the mistake without reading code.
 */
export function readValidatedJson<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('CONTENT_INVALID', `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AppError('CONTENT_INVALID', `${file}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(root)';
      return `field "${field}": ${issue.message}`;
    });
    throw new AppError('CONTENT_INVALID', `${file}: ${problems.join('; ')}`);
  }
  return result.data;
}

/**
 * Reads a JSON-lines data set (labelled utterances) and validates every line, failing with the
 * file, the line number and the field, like readValidatedJson. Blank lines are skipped.
 */
export function readValidatedJsonLines<T extends z.ZodType>(file: string, schema: T): Array<z.infer<T>> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('CONTENT_INVALID', `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  const rows: Array<z.infer<T>> = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw new AppError('CONTENT_INVALID', `${file}:${index + 1}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('CONTENT_INVALID', `${file}:${index + 1}: field "${issue?.path.join('.') || '(root)'}": ${issue?.message ?? 'invalid'}`);
    }
    rows.push(parsed.data);
  });
  return rows;
}

