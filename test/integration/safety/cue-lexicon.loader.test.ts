import fs from 'node:fs';
import path from 'node:path';
import { compiledFileOf, loadCueLexicon } from '../../../src/safety/cue-lexicon.loader';
import { loadCrisisSet } from '../../../src/safety/crisis.evaluation';
import { createDistressDetector } from '../../../src/safety/distress.detector';
import { copySafetyDir, editJson, LABELLED_SET, LEXICON_FILE } from '../../unit/safety/safety.fixtures';

/** A broken data file stops the start naming the file and the field, like the rest of content/. */
type Lexicon = {
  normaliser: Record<string, unknown> & { protected: string[]; fuzzyTargets: string[] };
  concepts: Record<string, string[]>;
  signals: Array<{ id: string; patterns: string[]; category: string }>;
  idioms: Array<{ id: string; patterns: string[] }>;
};

function broken(edit: (lexicon: Lexicon) => void): string {
  const dir = copySafetyDir();
  editJson(path.join(dir, 'en.json'), (v) => edit(v as unknown as Lexicon));
  return path.join(dir, 'en.json');
}

describe('cue lexicon validation', () => {
  it('loads the committed lexicon', () => {
    const lexicon = loadCueLexicon(path.resolve(__dirname, '../../../content/safety/en.json'));
    expect(lexicon.compiled.signals.length).toBeGreaterThan(10);
    expect(lexicon.compiled.idioms.length).toBeGreaterThan(10);
  });

  it('names the file and the field of a schema error', () => {
    const file = broken((l) => {
      delete (l.normaliser as Record<string, unknown>).fillers;
    });
    expect(() => loadCueLexicon(file)).toThrow(/en\.json: field "normaliser\.fillers": /);
  });

  it('rejects a signal with an unknown category', () => {
    const file = broken((l) => {
      (l.signals[0] as { category: string }).category = 'sadness';
    });
    expect(() => loadCueLexicon(file)).toThrow(/en\.json: field "signals\.0\.category": /);
  });

  it('names the pattern that refers to a concept that does not exist', () => {
    const file = broken((l) => {
      l.signals[2]?.patterns.push('@i want @nothing-like-this');
    });
    expect(() => loadCueLexicon(file)).toThrow(/en\.json: field "signals\.2\.patterns\.\d+": unknown concept "@nothing-like-this"/);
  });

  it('names a pattern word the normaliser would rewrite, so it could never match', () => {
    const file = broken((l) => {
      l.signals[1]?.patterns.push('i dont want');
    });
    expect(() => loadCueLexicon(file)).toThrow(/field "signals\.1\.patterns\.\d+": "dont" never reaches the matcher/);
  });

  it('refuses a concept defined through itself', () => {
    const file = broken((l) => {
      l.concepts['loop-a'] = ['@loop-b'];
      l.concepts['loop-b'] = ['x @loop-a'];
    });
    expect(() => loadCueLexicon(file)).toThrow(/field "concepts\.loop-[ab]": refers to itself/);
  });

  it('refuses unbalanced brackets and empty patterns', () => {
    expect(() => loadCueLexicon(broken((l) => l.idioms[0]?.patterns.push('[killing me')))).toThrow(/field "idioms\.0\.patterns\.\d+": unbalanced/);
    expect(() => loadCueLexicon(broken((l) => l.idioms[0]?.patterns.push('  ')))).toThrow(/field "idioms\.0\.patterns\.\d+": /);
  });

  it('refuses a protected word that is also a fuzzy target', () => {
    const file = broken((l) => {
      l.normaliser.protected.push(l.normaliser.fuzzyTargets[0] as string);
    });
    expect(() => loadCueLexicon(file)).toThrow(/field "normaliser\.protected\.\d+": ".+" is also a fuzzy target/);
  });

  it('refuses a lexicon whose language does not match its file name', () => {
    const dir = copySafetyDir();
    fs.renameSync(path.join(dir, 'en.json'), path.join(dir, 'fr.json'));
    expect(() => loadCueLexicon(path.join(dir, 'fr.json'))).toThrow(/fr\.json: field "language": is "en"/);
  });

  it('reports invalid JSON with the file name', () => {
    const dir = copySafetyDir();
    fs.writeFileSync(path.join(dir, 'en.json'), '{ "language": ');
    expect(() => loadCueLexicon(path.join(dir, 'en.json'))).toThrow(/en\.json: not valid JSON/);
  });

  it('names the model file and field when the model is broken', () => {
    const dir = copySafetyDir();
    editJson(path.join(dir, 'crisis-model.json'), (v) => {
      (v.weights as unknown[]).push(['w:oops', 'not a number']);
    });
    expect(() => createDistressDetector({ dir })).toThrow(/crisis-model\.json: field "weights": must list \[feature, finite number\] pairs/);
    editJson(path.join(dir, 'crisis-model.json'), (v) => {
      v.threshold = 2;
    });
    expect(() => createDistressDetector({ dir })).toThrow(/crisis-model\.json: field "threshold": /);
  });

  it('names the folder when there is no lexicon at all', () => {
    const dir = copySafetyDir();
    fs.rmSync(path.join(dir, 'en.json'));
    expect(() => createDistressDetector({ dir })).toThrow(/no crisis lexicon/);
  });
});

describe('compiled lexicon', () => {
  it('matches exactly what compiling the source matches', () => {
    const fast = loadCueLexicon(LEXICON_FILE);
    const fresh = loadCueLexicon(LEXICON_FILE, { useCompiled: false });
    const view = (l: typeof fast, text: string) => {
      const m = l.match(text);
      return { tokens: m.tokens, idioms: m.idioms, signals: m.signals.map((s) => s.id), concepts: m.concepts };
    };
    const differing = loadCrisisSet(LABELLED_SET).filter((e) => JSON.stringify(view(fast, e.text)) !== JSON.stringify(view(fresh, e.text)));
    expect(differing.map((e) => e.text)).toEqual([]);
  });

  it('is ignored when the source has changed, so an edit is always validated', () => {
    const dir = copySafetyDir();
    const file = path.join(dir, 'en.json');
    editJson(file, (v) => {
      (v.signals as Array<{ patterns: string[] }>)[0]?.patterns.push('i dont want');
    });
    expect(fs.existsSync(compiledFileOf(file))).toBe(true);
    expect(() => loadCueLexicon(file)).toThrow(/"dont" never reaches the matcher/);
  });

  it('is only a shortcut: a damaged compiled file falls back to compiling the source', () => {
    const dir = copySafetyDir();
    fs.writeFileSync(compiledFileOf(path.join(dir, 'en.json')), '{ "format": 1, "sourceSha256": ');
    expect(createDistressDetector({ dir }).assess('i want to die', 'en-GB').distress).toBe(true);
  });
});
