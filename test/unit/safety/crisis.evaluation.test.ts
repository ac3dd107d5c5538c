import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evaluateCrisis, formatCrisisEvaluation, loadCrisisSet, type CrisisExample } from '../../../src/safety/crisis.evaluation';

function setFile(lines: string[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-crisis-set-')), 'set.jsonl');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('crisis set files', () => {
  it('reads one labelled answer a line, skipping blank lines', () => {
    const file = setFile([
      '{"text":"i want to die","crisis":true,"category":"suicidal","locale":"en-GB"}',
      '',
      '{"text":"i could murder a pizza","crisis":false,"category":"near-miss","locale":"en-US"}',
    ]);
    expect(loadCrisisSet(file).map((e) => e.category)).toEqual(['suicidal', 'near-miss']);
  });

  it('names the file, the line and the field of a bad line', () => {
    const wrongLabel = setFile(['{"text":"i could murder a pizza","crisis":true,"category":"near-miss","locale":"en-GB"}']);
    expect(() => loadCrisisSet(wrongLabel)).toThrow(/set\.jsonl:1: field "category": crisis must be true exactly for the distress categories/);
    const badLocale = setFile(['{"text":"hi there","crisis":false,"category":"plain","locale":"english"}']);
    expect(() => loadCrisisSet(badLocale)).toThrow(/set\.jsonl:1: field "locale"/);
    const notJson = setFile(['{"text":']);
    expect(() => loadCrisisSet(notJson)).toThrow(/set\.jsonl:1: not valid JSON/);
  });
});

describe('sets written elsewhere', () => {
  it('need only text and label when read leniently, keeping their own category names', () => {
    const file = setFile([
      '{"text":"i want to die","crisis":true,"category":"indirect-ideation","source":"x"}',
      '{"text":"he hits me","crisis":true}',
      '{"text":"this commute is killing me","crisis":false,"category":"idiom","locale":"en-US"}',
    ]);
    expect(() => loadCrisisSet(file)).toThrow(/set\.jsonl:1: /);
    const examples = loadCrisisSet(file, { lenient: true });
    expect(examples.map((e) => [e.category, e.locale])).toEqual([
      ['indirect-ideation', 'en-GB'],
      ['crisis', 'en-GB'],
      ['idiom', 'en-US'],
    ]);
    const result = evaluateCrisis(examples, (e) => ({ distress: e.crisis, score: 0, cues: [] }));
    expect(result.byCategory.map((r) => [r.category, r.crisis])).toEqual([
      ['crisis', true],
      ['indirect-ideation', true],
      ['idiom', false],
    ]);
  });
});

describe('crisis evaluation', () => {
  const examples: CrisisExample[] = [
    { text: 'a', crisis: true, category: 'suicidal', locale: 'en-GB' },
    { text: 'b', crisis: true, category: 'abuse', locale: 'en-GB' },
    { text: 'c', crisis: false, category: 'near-miss', locale: 'en-GB' },
    { text: 'd', crisis: false, category: 'plain', locale: 'en-GB' },
  ];
  const flagged = new Set(['a', 'c']);
  const result = evaluateCrisis(examples, (e) => ({ distress: flagged.has(e.text), score: 0, cues: [] }));

  it('computes recall, the false-positive rate and the errors by category', () => {
    expect(result).toMatchObject({ n: 4, positives: 2, negatives: 2, recall: 0.5, falsePositiveRate: 0.5 });
    expect(result.misses.map((m) => m.text)).toEqual(['b']);
    expect(result.falsePositives.map((m) => m.text)).toEqual(['c']);
    expect(result.byCategory.map((r) => r.category)).toEqual(['suicidal', 'abuse', 'near-miss', 'plain']);
  });

  it('prints a table with the figures and the wrong answers per category', () => {
    const table = formatCrisisEvaluation('test set', result);
    expect(table).toContain('recall 50.0% (1/2)  false positives 50.0% (1/2)');
    expect(table).toMatch(/abuse\s+crisis\s+1\s+1\s+0\.0%/);
    expect(table).toMatch(/near-miss\s+not crisis\s+1\s+1\s+100\.0%/);
  });
});
