import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContent } from '../../../src/content/content.loader';
import { CONTENT_DIR } from '../../transcripts/engine.driver';

function copyContent(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-content-'));
  fs.cpSync(CONTENT_DIR, dir, { recursive: true });
  return dir;
}

function editJson(file: string, edit: (value: Record<string, unknown>) => void): void {
  const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(value);
  fs.writeFileSync(file, JSON.stringify(value));
}

describe('loadContent', () => {
  it('loads every locale with the three launch domains in spoken order', () => {
    const catalog = loadContent(CONTENT_DIR);
    expect(catalog.locales()).toEqual(expect.arrayContaining(['en-GB', 'en-US']));
    for (const locale of catalog.locales()) {
      expect(catalog.forLocale(locale).domains.map((d) => d.id).slice(0, 3)).toEqual(['money', 'mobility', 'food']);
    }
  });

  it('names the file and the field when a field is missing', () => {
    const dir = copyContent();
    const file = path.join(dir, 'en-GB', 'domains', 'food.json');
    editJson(file, (v) => {
      delete (v.questions as Record<string, unknown>).fear;
    });
    expect(() => loadContent(dir)).toThrow(/en-GB\/domains\/food\.json: field "questions\.fear"/);
  });

  it('names the file and the field in the shared phrases too', () => {
    const dir = copyContent();
    editJson(path.join(dir, 'en-US', 'common.json'), (v) => {
      delete v.notice;
    });
    expect(() => loadContent(dir)).toThrow(/en-US\/common\.json: field "notice"/);
  });

  it('rejects a crisis pattern that is not a regular expression', () => {
    const dir = copyContent();
    editJson(path.join(dir, 'en-US', 'common.json'), (v) => {
      (v.crisis as { patterns: string[] }).patterns.push('([unclosed');
    });
    expect(() => loadContent(dir)).toThrow(/field "crisis\.patterns\.\d+": is not a valid regular expression/);
  });

  it('reports invalid JSON with the file name', () => {
    const dir = copyContent();
    fs.writeFileSync(path.join(dir, 'en-US', 'domains', 'money.json'), '{ not json');
    expect(() => loadContent(dir)).toThrow(/en-US\/domains\/money\.json: not valid JSON/);
  });

  it('adds a domain by adding files', () => {
    const dir = copyContent();
    for (const locale of ['en-US', 'en-GB']) {
      const food = JSON.parse(fs.readFileSync(path.join(dir, locale, 'domains', 'food.json'), 'utf8')) as Record<string, unknown>;
      fs.writeFileSync(path.join(dir, locale, 'domains', 'housing.json'), JSON.stringify({ ...food, id: 'housing', name: 'housing', synonyms: ['housing', 'home'] }));
    }
    expect(loadContent(dir).forLocale('en-US').domains.map((d) => d.id)).toEqual(['money', 'mobility', 'food', 'housing']);
  });

  it('refuses locales that disagree on domains', () => {
    const dir = copyContent();
    fs.rmSync(path.join(dir, 'en-GB', 'domains', 'food.json'));
    expect(() => loadContent(dir)).toThrow(/Locales disagree on domains/);
  });
});
