import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContent } from '../../../src/content/content.loader';
import type { CommonContent } from '../../../src/content/content.schema';
import { CONTENT_DIR } from '../../transcripts/engine.driver';

const catalog = loadContent(CONTENT_DIR);

function copyContent(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-wording-'));
  fs.cpSync(CONTENT_DIR, dir, { recursive: true });
  return dir;
}

function editCommon(dir: string, locale: string, edit: (common: CommonContent) => void): void {
  const file = path.join(dir, locale, 'common.json');
  const common = JSON.parse(fs.readFileSync(file, 'utf8')) as CommonContent;
  edit(common);
  fs.writeFileSync(file, JSON.stringify(common));
}

/** Every key path of a JSON value, array items folded into one, so two locales can be compared. */
function shape(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return [`${at}[]`, ...value.flatMap((v) => shape(v, `${at}[]`))].filter((p, i, all) => all.indexOf(p) === i);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [`${at}.${k}`, ...shape(v, `${at}.${k}`)]);
  return [];
}

describe('interview wording', () => {
  it('has the same keys in every locale', () => {
    const [first, ...others] = catalog.locales().map((locale) => ({ locale, keys: shape(catalog.forLocale(locale).common).filter((k) => !k.startsWith('.locale')).sort() }));
    for (const other of others) expect({ locale: other.locale, keys: other.keys }).toEqual({ locale: other.locale, keys: first!.keys });
  });

  it('asks every question and follow-up as a question, with at least two phrasings per question to ask again in other words', () => {
    for (const locale of catalog.locales()) {
      for (const domain of catalog.forLocale(locale).domains) {
        const probes = [...domain.probes.default, ...Object.values(domain.probes.byLens ?? {}).flat(), ...Object.values(domain.probes.byTheme ?? {}).flat()];
        for (const phrasing of [...Object.values(domain.questions).flat(), ...probes]) expect(`${locale} ${domain.id}: ${phrasing}`).toMatch(/\?$/);
        for (const phrasings of Object.values(domain.questions)) expect(phrasings.length).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('refuses an acknowledgement whose verb would have to agree with the theme label', () => {
    const dir = copyContent();
    editCommon(dir, 'en-GB', (common) => common.acknowledge.theme.push('It sounds like {theme} matters to you.'));
    expect(() => loadContent(dir)).toThrow(/en-GB\/common\.json: field "acknowledge\.theme": a verb follows \{theme\}/);
  });

  it('refuses a clarification that lists the areas the reprompt after it lists again', () => {
    const dir = copyContent();
    editCommon(dir, 'en-US', (common) => (common.chooseDomain.clarify = 'Sorry, which one? You can say {choices}.'));
    expect(() => loadContent(dir)).toThrow(/en-US\/common\.json: field "chooseDomain\.clarify": must not list \{choices\}/);
  });

  it('names a missing non-answer line by kind', () => {
    const dir = copyContent();
    editCommon(dir, 'en-US', (common) => delete (common.nonAnswer.lead as Partial<CommonContent['nonAnswer']['lead']>)['assistant-request']);
    expect(() => loadContent(dir)).toThrow(/field "nonAnswer\.lead\.assistant-request"/);
  });

  it('needs the non-answer cues for every locale, and names the folder when they are missing', () => {
    const dir = copyContent();
    fs.rmSync(path.join(dir, 'listening'), { recursive: true });
    expect(() => loadContent(dir)).toThrow(/listening: no non-answer cues for en-GB \(en-GB\.json or en\.json\)/);
  });

  it('hears non-answers in every locale', () => {
    for (const locale of catalog.locales()) {
      expect(catalog.forLocale(locale).nonAnswers.detect('um i dunno really')).toBe('dont-know');
      expect(catalog.forLocale(locale).nonAnswers.detect('i dunno how we will ever afford a house')).toBeNull();
    }
  });
});
