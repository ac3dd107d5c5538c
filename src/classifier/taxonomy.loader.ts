import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { AppError } from '../errors/app-error';
import { parseTerm } from './lexicon.matcher';
import { CONTRACT_DOMAINS, CONTRACT_THEMES, OTHER_THEME_ID, SYSTEM_THEME_IDS } from './theme.contract';
import { domainFileSchema, extraThemesSchema, offTopicFileSchema, type DomainFile } from './taxonomy.schema';

export interface TaxonomyTheme {
  id: string;
  label: string;
  terms: Readonly<Record<string, number>>;
  /** Negated mentions count in full (see the schema). */
  countNegated: boolean;
  /** True for the ids promised in the product contract. */
  contract: boolean;
  /** File the theme came from, for error messages and audits. */
  source: string;
}

export interface TaxonomyDomain {
  domain: string;
  label: string;
  themes: TaxonomyTheme[];
}

export interface Taxonomy {
  /** Contract domains first in contract order, then any others alphabetically. */
  domains: TaxonomyDomain[];
  /** Lexicon of requests that are not answers ("play some music"); empty when the file is absent. */
  offTopic: Readonly<Record<string, number>>;
}

export interface TaxonomyOptions {
  /** Folder of `<domain>.json` files; defaults to content/themes in the repository. */
  themesDir?: string;
  /** Optional company extension: one domain block or an array of them, adding new theme ids only. */
  extraThemesFile?: string;
}

/** Resolved from this file rather than from config, because the core must not depend on config. */
export const DEFAULT_THEMES_DIR = path.resolve(__dirname, '..', '..', 'content', 'themes');

/** Files starting with `_` hold shared data, not domains. */
export const OFF_TOPIC_FILE = '_off-topic.json';

type FieldPath = ReadonlyArray<PropertyKey>;

function formatField(fieldPath: FieldPath): string {
  if (fieldPath.length === 0) return '(root)';
  let out = '';
  for (const part of fieldPath) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

function invalid(file: string, fieldPath: FieldPath, message: string): AppError {
  const field = formatField(fieldPath);
  return new AppError('CONTENT_INVALID', `${file}: ${field}: ${message}`, { details: { file, field } });
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('CONTENT_INVALID', `${file}: cannot be read (${(error as Error).message})`, {
      cause: error,
      details: { file },
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalid(file, [], `is not valid JSON (${(error as Error).message})`);
  }
}

function parseWith<T extends z.ZodType>(schema: T, file: string, raw: unknown): z.infer<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map((issue) => `${formatField(issue.path)}: ${issue.message}`);
  const more = result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more)` : '';
  const first = result.error.issues[0];
  throw new AppError('CONTENT_INVALID', `${file}: ${issues.join('; ')}${more}`, {
    details: { file, field: first ? formatField(first.path) : '(root)', issues: result.error.issues },
  });
}

/** Checks what a schema cannot: ids unique and not reserved, every term usable by the matcher. */
function checkThemes(file: string, block: DomainFile, prefix: FieldPath): void {
  const seen = new Set<string>();
  block.themes.forEach((theme, index) => {
    const at = [...prefix, 'themes', index];
    if (theme.id === OTHER_THEME_ID) {
      throw invalid(file, [...at, 'id'], `"${OTHER_THEME_ID}" is reserved for answers that fit no theme`);
    }
    if (SYSTEM_THEME_IDS.includes(theme.id)) {
      throw invalid(file, [...at, 'id'], `"${theme.id}" is reserved: the classifier adds it to every domain`);
    }
    if (seen.has(theme.id)) throw invalid(file, [...at, 'id'], `duplicate theme id "${theme.id}"`);
    seen.add(theme.id);
    for (const term of Object.keys(theme.terms)) {
      const parsed = parseTerm(term);
      if (typeof parsed === 'string') throw invalid(file, [...at, 'terms', term], `term ${parsed}`);
    }
  });
}

function loadDomainFile(file: string): TaxonomyDomain {
  const block = parseWith(domainFileSchema, file, readJson(file));
  const expected = path.basename(file, '.json');
  if (block.domain !== expected) {
    throw invalid(file, ['domain'], `is "${block.domain}" but the file is named ${expected}.json`);
  }
  checkThemes(file, block, []);
  const contract = CONTRACT_THEMES[block.domain];
  if (contract) {
    const ids = new Set(block.themes.map((t) => t.id));
    const missing = contract.filter((id) => !ids.has(id));
    if (missing.length > 0) {
      throw invalid(file, ['themes'], `is missing contract theme id(s) ${missing.map((m) => `"${m}"`).join(', ')}`);
    }
    const extraIndex = block.themes.findIndex((t) => !contract.includes(t.id));
    if (extraIndex >= 0) {
      const id = block.themes[extraIndex]?.id ?? '';
      throw invalid(
        file,
        ['themes', extraIndex, 'id'],
        `"${id}" is not a contract theme of "${block.domain}"; company themes belong in the extra themes file`,
      );
    }
  }
  return {
    domain: block.domain,
    label: block.label ?? block.domain,
    themes: block.themes.map((t) => ({
      id: t.id,
      label: t.label,
      terms: t.terms,
      countNegated: t.countNegated ?? false,
      contract: Boolean(contract),
      source: file,
    })),
  };
}

function domainOrder(a: string, b: string): number {
  const ia = CONTRACT_DOMAINS.indexOf(a);
  const ib = CONTRACT_DOMAINS.indexOf(b);
  if (ia >= 0 || ib >= 0) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
  return a.localeCompare(b);
}

function applyExtraThemes(file: string, domains: Map<string, TaxonomyDomain>): void {
  const raw = readJson(file);
  const parsed = parseWith(extraThemesSchema, file, raw);
  const blocks = Array.isArray(parsed) ? parsed : [parsed];
  blocks.forEach((block, blockIndex) => {
    const prefix: FieldPath = Array.isArray(parsed) ? [blockIndex] : [];
    checkThemes(file, block, prefix);
    let target = domains.get(block.domain);
    if (!target) {
      target = { domain: block.domain, label: block.label ?? block.domain, themes: [] };
      domains.set(block.domain, target);
    }
    const domain = target;
    block.themes.forEach((theme, index) => {
      const existing = domain.themes.find((t) => t.id === theme.id);
      if (existing) {
        const kind = existing.contract ? 'a contract theme' : `already defined in ${existing.source}`;
        throw invalid(
          file,
          [...prefix, 'themes', index, 'id'],
          `"${theme.id}" is ${kind} of domain "${block.domain}"; extra themes may only add new ids, ` +
            'never rename or redefine existing ones',
        );
      }
      domain.themes.push({
        id: theme.id,
        label: theme.label,
        terms: theme.terms,
        countNegated: theme.countNegated ?? false,
        contract: false,
        source: file,
      });
    });
  });
}

/**
 * Reads and validates the theme taxonomy. Any problem is an AppError('CONTENT_INVALID') whose
 * message starts with the file and the field, so a broken deploy says exactly what to fix.
 */
export function loadTaxonomy(options: TaxonomyOptions = {}): Taxonomy {
  const dir = options.themesDir ?? DEFAULT_THEMES_DIR;
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch (error) {
    throw new AppError('CONTENT_INVALID', `${dir}: theme folder cannot be read (${(error as Error).message})`, {
      cause: error,
      details: { file: dir },
    });
  }
  const domainFiles = entries.filter((name) => name.endsWith('.json') && !name.startsWith('_')).sort();
  const domains = new Map<string, TaxonomyDomain>();
  for (const name of domainFiles) {
    const domain = loadDomainFile(path.join(dir, name));
    domains.set(domain.domain, domain);
  }
  const absent = CONTRACT_DOMAINS.filter((d) => !domains.has(d));
  if (absent.length > 0) {
    throw new AppError('CONTENT_INVALID', `${dir}: missing theme file(s) ${absent.map((d) => `${d}.json`).join(', ')}`, {
      details: { file: dir },
    });
  }

  let offTopic: Record<string, number> = {};
  if (entries.includes(OFF_TOPIC_FILE)) {
    const file = path.join(dir, OFF_TOPIC_FILE);
    offTopic = parseWith(offTopicFileSchema, file, readJson(file)).terms;
    for (const term of Object.keys(offTopic)) {
      const parsed = parseTerm(term);
      if (typeof parsed === 'string') throw invalid(file, ['terms', term], `term ${parsed}`);
    }
  }

  if (options.extraThemesFile) applyExtraThemes(options.extraThemesFile, domains);

  return {
    domains: [...domains.values()].sort((a, b) => domainOrder(a.domain, b.domain)),
    offTopic,
  };
}
