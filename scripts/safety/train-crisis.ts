/**
 * `npm run safety:train`: regenerates the derived safety data from its sources, deterministically
 * (the same inputs always give the same bytes, which the drift test checks):
 *   content/safety/en.compiled.json   the lexicon en.json, validated and compiled (loads in a few ms)
 *   content/safety/crisis-model.json  the model, trained on test/fixtures/safety/crisis.labelled.jsonl
 *
 *   npm run safety:train                    write both
 *   npm run safety:train -- --check         exit 1 if either committed file is stale
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { encodeCompiledLexicon, serializeCompiledLexicon } from '../../src/safety/compiled-lexicon.codec';
import { compiledFileOf, DEFAULT_SAFETY_DIR, loadCueLexicon } from '../../src/safety/cue-lexicon.loader';
import { loadCrisisSet } from '../../src/safety/crisis.evaluation';
import { serializeCrisisModel, trainCrisisModel } from '../../src/safety/crisis-model.trainer';

export const LABELLED_SET = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'safety', 'crisis.labelled.jsonl');

export interface DerivedFile {
  file: string;
  text: string;
}

/** The derived files the current lexicon and labelled set produce: the compiled lexicon and the model. */
export function derivedSafetyFiles(dir = DEFAULT_SAFETY_DIR, labelled = LABELLED_SET): DerivedFile[] {
  const source = path.join(dir, 'en.json');
  // Always from the source, validated and compiled, never from an earlier compiled file.
  const lexicon = loadCueLexicon(source, { useCompiled: false });
  const compiled = { file: compiledFileOf(source), text: serializeCompiledLexicon(encodeCompiledLexicon(lexicon.compiled, lexicon.data, lexicon.sha256)) };
  const bytes = fs.readFileSync(labelled);
  const { model } = trainCrisisModel(lexicon, loadCrisisSet(labelled), bytes);
  return [compiled, { file: path.join(dir, lexicon.head.model), text: serializeCrisisModel(model) }];
}

function main(): void {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const started = Date.now();
  const files = derivedSafetyFiles();
  if (values.check) {
    const stale = files.filter(({ file, text }) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text);
    for (const { file } of stale) process.stderr.write(`${file} is stale: run npm run safety:train\n`);
    if (stale.length > 0) process.exit(1);
    process.stdout.write('content/safety is up to date\n');
    return;
  }
  for (const { file, text } of files) {
    fs.writeFileSync(file, text);
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)} (${(text.length / 1024).toFixed(0)} KiB)\n`);
  }
  const model = JSON.parse((files[1] as DerivedFile).text) as { threshold: number; crossValidation: Record<string, number>; weights: unknown[] };
  process.stdout.write(
    `${model.weights.length} weights in ${Date.now() - started} ms; threshold ${model.threshold}; cross-validated ${JSON.stringify(model.crossValidation)}\n`,
  );
}

if (require.main === module) main();
