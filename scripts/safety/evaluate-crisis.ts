/**
 * Recall, false-positive rate and misses by category of the distress detector on a labelled
 * crisis set (one {"text","crisis","category","locale"} object a line).
 *   npx tsx scripts/safety/evaluate-crisis.ts test/fixtures/safety/crisis.labelled.jsonl
 *   npx tsx scripts/safety/evaluate-crisis.ts <file.jsonl> --show-errors   also list what was wrong
 * The listing prints the answers themselves: use it on test sets, never on real customers' words.
 * Lines need only "text" and "crisis"; any category name is reported as written (one row per
 * category and label), and a missing locale is en-GB.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateCrisis, formatCrisisEvaluation, loadCrisisSet } from '../../src/safety/crisis.evaluation';
import { createDistressDetector } from '../../src/safety/distress.detector';

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'show-errors': { type: 'boolean', default: false }, dir: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) {
    process.stderr.write('usage: evaluate-crisis <file.jsonl> [--show-errors] [--dir content/safety]\n');
    process.exit(2);
  }
  // Lenient: the set may come from elsewhere, with its own category names.
  const examples = loadCrisisSet(path.resolve(file), { lenient: true });
  const detector = createDistressDetector(values.dir ? { dir: path.resolve(values.dir) } : {});
  const result = evaluateCrisis(examples, (e) => detector.assess(e.text, e.locale));
  process.stdout.write(`${formatCrisisEvaluation(path.basename(file), result)}\n`);
  if (values['show-errors']) {
    for (const m of result.misses) process.stdout.write(`missed      ${m.category.padEnd(12)} ${m.text}\n`);
    for (const f of result.falsePositives) process.stdout.write(`false alarm ${f.category.padEnd(12)} ${f.text}\n`);
  }
}

main();
