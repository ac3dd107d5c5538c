import fs from 'node:fs';
import path from 'node:path';
import { readValidatedJson } from '../content/validated-json.reader';
import { AppError } from '../errors/app-error';
import { NonAnswerCuesSchema } from './non-answer-cues.schema';
import { createNonAnswerDetector, CueCompileError, type NonAnswerDetector, type NonAnswerKind } from './non-answer.detector';

/** The cue files in the repository, for tools and tests; the running service reads them from its content folder. */
export const DEFAULT_LISTENING_DIR = path.resolve(__dirname, '..', '..', 'content', 'listening');

/** Reads, validates and compiles one cue file; a broken one fails with the file and the field named. */
export function loadNonAnswerDetector(file: string): NonAnswerDetector {
  const cues = readValidatedJson(file, NonAnswerCuesSchema);
  try {
    return createNonAnswerDetector(cues);
  } catch (error) {
    if (error instanceof CueCompileError) throw new AppError('CONTENT_INVALID', `${file}: field "${error.field}": ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * The cue file for a locale: `<locale>.json` when a locale words its non-answers differently,
 * else the language's (`en.json` serves en-US and en-GB alike).
 */
export function nonAnswerCuesFile(dir: string, locale: string): string {
  const exact = path.join(dir, `${locale}.json`);
  if (fs.existsSync(exact)) return exact;
  const language = path.join(dir, `${locale.split('-')[0]?.toLowerCase() ?? ''}.json`);
  if (fs.existsSync(language)) return language;
  throw new AppError('CONTENT_INVALID', `${dir}: no non-answer cues for ${locale} (${locale}.json or ${path.basename(language)})`);
}

const defaults = new Map<string, NonAnswerDetector>();

/** Non-answer kind of `text` with the repository's cues for `locale` (tools, tests, corpus checks). */
export function detectNonAnswer(text: string, locale = 'en-US'): NonAnswerKind | null {
  const file = nonAnswerCuesFile(DEFAULT_LISTENING_DIR, locale);
  let detector = defaults.get(file);
  if (!detector) {
    detector = loadNonAnswerDetector(file);
    defaults.set(file, detector);
  }
  return detector.detect(text);
}
