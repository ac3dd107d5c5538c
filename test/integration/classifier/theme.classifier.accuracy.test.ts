import path from 'node:path';
import { evaluate, loadLabelledSet, type EvaluationResult, type LabelledExample } from '../../../src/classifier/classifier.evaluation';
import { CONTRACT_THEMES, SYSTEM_THEME_IDS } from '../../../src/classifier/theme.contract';
import { createThemeClassifier } from '../../../src/classifier/theme.classifier';

/**
 * Accuracy of the committed models. The gates sit on the two development sets, which the models
 * never trained on: the old held-out set (written by someone else, before this model) and the dev
 * set written in the styles before the last two thirds of the corpus. Measured when the
 * models were trained: 91.2% top-1 and 98.2% top-2 over both (see the README for the table); the
 * gates sit a few points below so a retrain on a grown corpus does not trip them by noise, while a
 * broken feature, a stale model or a mislabelled corpus does. The corpus fit is gated too: a model
 * that cannot reproduce its own training data is broken, whatever the dev sets say.
 */
const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'classifier');
const DOMAINS = Object.keys(CONTRACT_THEMES);
const GATES = { devTop1: 0.88, devTop2: 0.95, devDomainTop1: 0.84, corpusTop1: 0.95 };

const classifier = createThemeClassifier();
const read = (dir: string, domain: string): LabelledExample[] => loadLabelledSet(path.join(FIXTURES, dir, `${domain}.jsonl`));
const corpus = new Map(DOMAINS.map((d) => [d, read('corpus', d)]));
const development = new Map(DOMAINS.map((d) => [d, [...read('heldout', d), ...read('dev', d)]]));

function overall(results: readonly EvaluationResult[]): { n: number; top1: number; top2: number } {
  const n = results.reduce((sum, r) => sum + r.n, 0);
  return {
    n,
    top1: results.reduce((sum, r) => sum + r.top1 * r.n, 0) / n,
    top2: results.reduce((sum, r) => sum + r.top2 * r.n, 0) / n,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function table(title: string, results: readonly EvaluationResult[]): string {
  const all = overall(results);
  const rows = results.map((r) => `${r.domain.padEnd(9)} ${String(r.n).padStart(5)} ${pct(r.top1).padStart(7)} ${pct(r.top2).padStart(7)}`);
  const misses = results.flatMap((r) => r.misses.slice(0, 8).map((m) => `  ${r.domain}: "${m.text}" expected ${m.expected}, got ${m.got.slice(0, 2).join(', ')}`));
  return [title, 'domain        n   top-1   top-2', ...rows, `${'overall'.padEnd(9)} ${String(all.n).padStart(5)} ${pct(all.top1).padStart(7)} ${pct(all.top2).padStart(7)}`, 'first misses:', ...misses].join('\n');
}

/** A passing run prints nothing; a failing one carries the whole table, which tells one bad domain from a broken model. */
function expectNoShortfall(shortfalls: string[], title: string, results: readonly EvaluationResult[]): void {
  if (shortfalls.length > 0) throw new Error(`${shortfalls.join('\n')}\n\n${table(title, results)}`);
}

describe('labelled sets', () => {
  it.each(DOMAINS)('%s corpus: a few thousand lines, each with a lens, every label 20+ times, about 15%% non-answers', (domain) => {
    const examples = corpus.get(domain) ?? [];
    expect(examples.length).toBeGreaterThanOrEqual(2000);
    const valid = new Set([...(CONTRACT_THEMES[domain] ?? []), ...SYSTEM_THEME_IDS]);
    const counts = new Map<string, number>();
    const bad: string[] = [];
    for (const example of examples) {
      if (!valid.has(example.theme) || example.also.some((a) => !valid.has(a) || a === example.theme)) bad.push(`label: ${example.text}`);
      if (!example.lens) bad.push(`no lens: ${example.text}`);
      // As speech recognition returns it: lower case, no punctuation, 60 words at most.
      if (!/^[a-z0-9]+( [a-z0-9]+)*$/.test(example.text) || example.text.split(' ').length > 60) bad.push(`text: ${example.text}`);
      counts.set(example.theme, (counts.get(example.theme) ?? 0) + 1);
    }
    expect(bad).toEqual([]);
    expect([...valid].filter((id) => (counts.get(id) ?? 0) < 20)).toEqual([]);
    const share = (counts.get('non-answer') ?? 0) / examples.length;
    expect(share).toBeGreaterThan(0.12);
    expect(share).toBeLessThan(0.18);
    const lengths = examples.map((e) => e.text.split(' ').length);
    expect(Math.min(...lengths)).toBe(1);
    expect(Math.max(...lengths)).toBeGreaterThanOrEqual(40);
  });

  it('has no utterance twice in a corpus, and none of the development lines in it', () => {
    for (const domain of DOMAINS) {
      const texts = (corpus.get(domain) ?? []).map((e) => e.text);
      expect(new Set(texts).size).toBe(texts.length);
      const trained = new Set(texts);
      expect({ domain, leaked: (development.get(domain) ?? []).filter((e) => trained.has(e.text)).map((e) => e.text) }).toEqual({ domain, leaked: [] });
    }
  });
});

describe('classifier accuracy', () => {
  it(`reaches top-1 >= ${pct(GATES.devTop1)} and top-2 >= ${pct(GATES.devTop2)} on the development sets, >= ${pct(GATES.devDomainTop1)} top-1 per domain`, () => {
    const results = DOMAINS.map((d) => evaluate(classifier, d, development.get(d) ?? []));
    const shortfalls = results.filter((r) => r.top1 < GATES.devDomainTop1).map((r) => `${r.domain}: top-1 ${pct(r.top1)} is below ${pct(GATES.devDomainTop1)}`);
    const { top1, top2 } = overall(results);
    if (top1 < GATES.devTop1) shortfalls.push(`overall: top-1 ${pct(top1)} is below ${pct(GATES.devTop1)}`);
    if (top2 < GATES.devTop2) shortfalls.push(`overall: top-2 ${pct(top2)} is below ${pct(GATES.devTop2)}`);
    expectNoShortfall(shortfalls, 'Development sets (never trained on)', results);
  });

  // The fresh set was written by someone who never saw the corpus or the model, and nothing was
  // tuned on it: it is the fair estimate for new speech. Measured 90.2% top-1, 95.7% top-2 (food
  // 86.8% top-1); the gate sits a few points below so a regression fails without flapping.
  const FRESH = { top1: 0.87, top2: 0.93, domainTop1: 0.83 };
  it(`reaches top-1 >= ${pct(FRESH.top1)} and top-2 >= ${pct(FRESH.top2)} on the independent fresh set, >= ${pct(FRESH.domainTop1)} per domain`, () => {
    const results = DOMAINS.map((d) => evaluate(classifier, d, read('fresh', d)));
    const shortfalls = results.filter((r) => r.top1 < FRESH.domainTop1).map((r) => `${r.domain}: top-1 ${pct(r.top1)} is below ${pct(FRESH.domainTop1)}`);
    const { top1, top2 } = overall(results);
    if (top1 < FRESH.top1) shortfalls.push(`overall: top-1 ${pct(top1)} is below ${pct(FRESH.top1)}`);
    if (top2 < FRESH.top2) shortfalls.push(`overall: top-2 ${pct(top2)} is below ${pct(FRESH.top2)}`);
    expectNoShortfall(shortfalls, 'Fresh independent set (never tuned on)', results);
  });

  it(`fits its own corpus (top-1 >= ${pct(GATES.corpusTop1)})`, () => {
    const results = DOMAINS.map((d) => evaluate(classifier, d, corpus.get(d) ?? []));
    const { top1 } = overall(results);
    expectNoShortfall(top1 < GATES.corpusTop1 ? [`corpus: top-1 ${pct(top1)} is below ${pct(GATES.corpusTop1)}`] : [], 'Training corpus', results);
  });
});
