import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import { DEFAULT_SAFETY_DIR, LEXICON_FILE, loadCueLexicon, type LoadedLexicon } from './cue-lexicon.loader';
import { loadCrisisModel, type CrisisModel } from './crisis-model';
import { decideDistress, type DecisionSettings } from './distress.decision';
import type { DistressAssessment, DistressDetector, DistressDetectorOptions } from './distress.types';

/**
 * Crisis detection for one answer: cue lists (explainable, data in content/safety/<language>.json)
 * and a small trained model (content/safety/crisis-model.json), combined by distress.decision.ts.
 * Everything is read once at creation; assess() is pure computation, a few tens of microseconds.
 */

interface Language {
  lexicon: LoadedLexicon;
  model: CrisisModel;
  settings: DecisionSettings;
}

/** The language a locale falls back to when there is no lexicon for its own. */
const FALLBACK_LANGUAGE = 'en';

export function createDistressDetector(options: DistressDetectorOptions = {}): DistressDetector {
  const dir = options.dir ?? DEFAULT_SAFETY_DIR;
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((f) => LEXICON_FILE.test(f)).sort();
  } catch (error) {
    throw new AppError('CONTENT_INVALID', `${dir}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  if (names.length === 0) throw new AppError('CONTENT_INVALID', `${dir}: no crisis lexicon (<language>.json) found`);

  const languages = new Map<string, Language>();
  for (const name of names) {
    const lexicon = loadCueLexicon(path.join(dir, name));
    const model = loadCrisisModel(path.join(dir, lexicon.head.model), lexicon.head.language);
    languages.set(lexicon.head.language, {
      lexicon,
      model,
      settings: { threshold: model.file.threshold, confidentThreshold: model.file.confidentThreshold, priority: lexicon.head.categoryPriority },
    });
  }
  // A locale without its own lexicon is still screened, in English rather than not at all:
  // a missed crisis costs more than a misread one.
  const fallback = languages.get(FALLBACK_LANGUAGE) ?? (languages.values().next().value as Language);

  return {
    assess(text: string, locale: string): DistressAssessment {
      const language = languages.get(locale.toLowerCase().split(/[-_]/)[0] ?? '') ?? fallback;
      const match = language.lexicon.match(text);
      const probability = language.model.probabilityOfMatch(match);
      return decideDistress(match, probability, language.settings, () => language.model.likelyCategory(match));
    },
    languages(): string[] {
      return [...languages.keys()];
    },
  };
}
