import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import { CommonContentSchema, DomainContentSchema, type CommonContent, type DomainContent } from './content.schema';
import { readValidatedJson } from './validated-json.reader';
import { loadNonAnswerDetector, nonAnswerCuesFile } from '../listening/non-answer-cues.loader';
import type { NonAnswerDetector } from '../listening/non-answer.detector';

/** All wording for one locale: the shared phrases and one entry per domain, in a stable order. */
export interface LocaleContent {
  locale: string;
  common: CommonContent;
  domains: DomainContent[];
  /** What tells a non-answer ("dunno", "play some music") from an answer in this locale (content/listening/). */
  nonAnswers: NonAnswerDetector;
}

export interface ContentCatalog {
  locales(): string[];
  /** Falls back to a locale of the same language, then to the first locale, so no customer is turned away. */
  forLocale(locale: string): LocaleContent;
}

/**
 * Reads content/<locale>/common.json, content/<locale>/domains/*.json and the non-answer cues in
 * content/listening/ (per language, or per locale where one needs its own). Validation happens here,
 * at start-up, so a writer's typo fails the deploy with the file and field named instead of
 * surfacing as a broken sentence in front of a customer.
 */
export function loadContent(contentDir: string): ContentCatalog {
  if (!fs.existsSync(contentDir)) {
    throw new AppError('CONTENT_INVALID', `Content folder not found: ${contentDir}`);
  }
  const byLocale = new Map<string, LocaleContent>();
  // Locales of one language share a cue file; it is read and compiled once.
  const detectors = new Map<string, NonAnswerDetector>();
  const nonAnswersFor = (locale: string): NonAnswerDetector => {
    const file = nonAnswerCuesFile(path.join(contentDir, 'listening'), locale);
    let detector = detectors.get(file);
    if (!detector) {
      detector = loadNonAnswerDetector(file);
      detectors.set(file, detector);
    }
    return detector;
  };
  const localeDirs = fs
    .readdirSync(contentDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^[a-z]{2}-[A-Z]{2}$/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  for (const locale of localeDirs) {
    byLocale.set(locale, { ...loadLocale(path.join(contentDir, locale), locale), nonAnswers: nonAnswersFor(locale) });
  }
  if (byLocale.size === 0) {
    throw new AppError('CONTENT_INVALID', `No locale folders (such as en-US) in ${contentDir}`);
  }
  checkSameDomains(byLocale);
  const fallback = byLocale.values().next().value as LocaleContent;
  return {
    locales: () => [...byLocale.keys()],
    forLocale(locale) {
      const exact = byLocale.get(locale);
      if (exact) return exact;
      const language = locale.split('-')[0]?.toLowerCase();
      for (const [key, value] of byLocale) {
        if (key.split('-')[0] === language) return value;
      }
      return fallback;
    },
  };
}

function loadLocale(dir: string, locale: string): Omit<LocaleContent, 'nonAnswers'> {
  const commonFile = path.join(dir, 'common.json');
  const common = readValidatedJson(commonFile, CommonContentSchema);
  if (common.locale !== locale) {
    throw new AppError('CONTENT_INVALID', `${commonFile}: field "locale" is "${common.locale}" but the folder is ${locale}`);
  }
  const domainsDir = path.join(dir, 'domains');
  const files = fs.existsSync(domainsDir)
    ? fs
        .readdirSync(domainsDir)
        .filter((name) => name.endsWith('.json'))
        .sort()
    : [];
  if (files.length === 0) {
    throw new AppError('CONTENT_INVALID', `${domainsDir}: no domain files`);
  }
  const domains = files.map((name) => {
    const file = path.join(domainsDir, name);
    const domain = readValidatedJson(file, DomainContentSchema);
    if (`${domain.id}.json` !== name) {
      throw new AppError('CONTENT_INVALID', `${file}: field "id" is "${domain.id}" but the file is named ${name}`);
    }
    return domain;
  });
  return { locale, common, domains: orderDomains(domains) };
}

/** The three launch domains keep their spoken order; added domains follow alphabetically. */
function orderDomains(domains: DomainContent[]): DomainContent[] {
  const preferred = ['money', 'mobility', 'food'];
  const rank = (id: string) => (preferred.includes(id) ? preferred.indexOf(id) : preferred.length);
  return [...domains].sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
}

function checkSameDomains(byLocale: Map<string, LocaleContent>): void {
  const signatures = [...byLocale.values()].map((c) => ({ locale: c.locale, ids: c.domains.map((d) => d.id).join(',') }));
  const first = signatures[0];
  for (const other of signatures) {
    if (first && other.ids !== first.ids) {
      throw new AppError(
        'CONTENT_INVALID',
        `Locales disagree on domains: ${first.locale} has [${first.ids}] but ${other.locale} has [${other.ids}]`,
      );
    }
  }
}
