import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError, isAppError } from '../../../src/errors/app-error';
import { DEFAULT_THEMES_DIR, loadTaxonomy } from '../../../src/classifier/taxonomy.loader';
import { CONTRACT_THEMES } from '../../../src/classifier/theme.contract';

/** A private copy of the real taxonomy that a test can break without touching content/. */
function copyOfThemes(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-themes-'));
  for (const name of fs.readdirSync(DEFAULT_THEMES_DIR)) {
    fs.copyFileSync(path.join(DEFAULT_THEMES_DIR, name), path.join(dir, name));
  }
  return dir;
}

function editJson(file: string, edit: (data: Record<string, unknown> & { themes: Array<Record<string, unknown>> }) => void): void {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(data);
  fs.writeFileSync(file, JSON.stringify(data));
}

function loadError(options: Parameters<typeof loadTaxonomy>[0]): AppError {
  try {
    loadTaxonomy(options);
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected loadTaxonomy to fail');
}

const dirs: string[] = [];
function workDir(): string {
  const dir = copyOfThemes();
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('taxonomy loader', () => {
  it('loads the shipped content with every contract id, a label and terms', () => {
    const taxonomy = loadTaxonomy();
    expect(taxonomy.domains.map((d) => d.domain)).toEqual(['money', 'mobility', 'food']);
    for (const domain of taxonomy.domains) {
      expect(domain.themes.map((t) => t.id)).toEqual(CONTRACT_THEMES[domain.domain]);
      for (const theme of domain.themes) {
        expect(theme.contract).toBe(true);
        expect(theme.label).not.toBe('');
        expect(Object.keys(theme.terms).length).toBeGreaterThanOrEqual(20);
      }
    }
    expect(Object.keys(taxonomy.offTopic)).toContain('weather');
  });

  it('names the file and the field when a weight is not a number', () => {
    const dir = workDir();
    const file = path.join(dir, 'money.json');
    editJson(file, (data) => {
      (data.themes[2]?.terms as Record<string, unknown>)['credit card'] = 'lots';
    });
    const error = loadError({ themesDir: dir });
    expect(error.code).toBe('CONTENT_INVALID');
    expect(error.message).toContain(file);
    expect(error.message).toContain('themes[2].terms["credit card"]');
    expect(error.message).toMatch(/expected number/);
  });

  it('names the file and the field when a theme has no label', () => {
    const dir = workDir();
    const file = path.join(dir, 'food.json');
    editJson(file, (data) => {
      delete data.themes[4]?.label;
    });
    const error = loadError({ themesDir: dir });
    expect(error.message).toContain(`${file}: themes[4].label`);
  });

  it('rejects a file whose JSON does not parse', () => {
    const dir = workDir();
    const file = path.join(dir, 'mobility.json');
    fs.writeFileSync(file, '{ "domain": "mobility", ');
    const error = loadError({ themesDir: dir });
    expect(error.code).toBe('CONTENT_INVALID');
    expect(error.message).toContain(`${file}: (root): is not valid JSON`);
  });

  it('rejects a shipped file that drops or renames a contract id', () => {
    const dir = workDir();
    const file = path.join(dir, 'mobility.json');
    editJson(file, (data) => {
      const theme = data.themes.find((t) => t.id === 'public-transport');
      if (theme) theme.id = 'transit';
    });
    const error = loadError({ themesDir: dir });
    expect(error.message).toContain(`${file}: themes: is missing contract theme id(s) "public-transport"`);
  });

  it('rejects a shipped file that adds a non-contract id', () => {
    const dir = workDir();
    const file = path.join(dir, 'food.json');
    editJson(file, (data) => {
      data.themes.push({ id: 'snacks', label: 'snacks', terms: { crisps: 2 } });
    });
    const error = loadError({ themesDir: dir });
    expect(error.message).toContain(`${file}: themes[10].id`);
    expect(error.message).toContain('extra themes file');
  });

  it('rejects duplicate ids, the reserved id other and a domain that does not match its file name', () => {
    let dir = workDir();
    editJson(path.join(dir, 'money.json'), (data) => {
      data.themes[1] = { ...data.themes[1], id: 'home' };
    });
    expect(loadError({ themesDir: dir }).message).toMatch(/money\.json: themes\[1\]\.id: duplicate theme id "home"/);

    dir = workDir();
    editJson(path.join(dir, 'money.json'), (data) => {
      data.themes[0] = { ...data.themes[0], id: 'other' };
    });
    expect(loadError({ themesDir: dir }).message).toMatch(/money\.json: themes\[0\]\.id: "other" is reserved/);

    dir = workDir();
    editJson(path.join(dir, 'food.json'), (data) => {
      data.domain = 'cooking';
    });
    expect(loadError({ themesDir: dir }).message).toMatch(/food\.json: domain: is "cooking" but the file is named food\.json/);
  });

  it('rejects terms the matcher cannot use', () => {
    const dir = workDir();
    const file = path.join(dir, 'money.json');
    editJson(file, (data) => {
      (data.themes[0]?.terms as Record<string, number>)['the'] = 2;
    });
    expect(loadError({ themesDir: dir }).message).toContain(`${file}: themes[0].terms.the: term has no words left`);

    editJson(file, (data) => {
      const terms = data.themes[0]?.terms as Record<string, number>;
      delete terms.the;
      terms['ho*'] = 2;
    });
    expect(loadError({ themesDir: dir }).message).toContain('themes[0].terms["ho*"]: term prefix "ho*" is shorter than 3 letters');
  });

  it('fails when a contract domain file is missing', () => {
    const dir = workDir();
    fs.rmSync(path.join(dir, 'food.json'));
    expect(loadError({ themesDir: dir }).message).toContain(`${dir}: missing theme file(s) food.json`);
  });

  it('fails clearly when the extra themes file does not exist', () => {
    const missing = path.join(os.tmpdir(), 'no-such-extra-themes.json');
    const error = loadError({ extraThemesFile: missing });
    expect(error.code).toBe('CONTENT_INVALID');
    expect(error.message).toContain(`${missing}: cannot be read`);
  });

  it('rejects an extra theme that reuses an id already added by the same file', () => {
    const file = path.join(workDir(), 'extra.json');
    fs.writeFileSync(
      file,
      JSON.stringify([
        { domain: 'food', themes: [{ id: 'snacks', label: 'snacks', terms: { crisps: 2 } }] },
        { domain: 'food', themes: [{ id: 'snacks', label: 'more snacks', terms: { biscuits: 2 } }] },
      ]),
    );
    expect(loadError({ extraThemesFile: file }).message).toContain(`${file}: [1].themes[0].id: "snacks" is already defined in ${file}`);
  });
});
