import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import { decodeModel, modelFileSchema, type LinearModel } from './linear.model';

export function modelFileName(domain: string): string {
  return `${domain}.model.json`;
}

/**
 * Reads `<dir>/<domain>.model.json`, or returns undefined when there is none (the domain is then
 * classified by its lexicon alone). A file that is there but broken stops the start, naming it:
 * quietly falling back would hide a bad deploy behind lower accuracy.
 */
export function loadModel(dir: string, domain: string, expectedClasses: readonly string[]): LinearModel | undefined {
  const file = path.join(dir, modelFileName(domain));
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError('CONTENT_INVALID', `${file}: cannot be read (${(error as Error).message})`, { cause: error, details: { file } });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AppError('CONTENT_INVALID', `${file}: is not valid JSON (${(error as Error).message})`, { details: { file } });
  }
  return modelFrom(raw, file, domain, expectedClasses);
}

/** Validates and decodes a parsed model file; `source` names it in errors. */
export function modelFrom(raw: unknown, source: string, domain: string, expectedClasses: readonly string[]): LinearModel {
  const fail = (message: string): AppError => new AppError('CONTENT_INVALID', `${source}: ${message}`, { details: { file: source } });
  const parsed = modelFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fail(`${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const model = parsed.data;
  if (model.domain !== domain) throw fail(`is for domain "${model.domain}", not "${domain}"`);
  if (model.classes.join(',') !== expectedClasses.join(',')) {
    throw fail(`classes [${model.classes.join(', ')}] do not match the taxonomy [${expectedClasses.join(', ')}]; run npm run classifier:train`);
  }
  try {
    return decodeModel(model);
  } catch (error) {
    throw fail((error as Error).message);
  }
}
