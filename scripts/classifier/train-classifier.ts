/**
 * `npm run classifier:train`: trains one model per contract domain from the corpus in
 * test/fixtures/classifier/corpus/ and writes content/models/<domain>.model.json. Training is
 * deterministic (fixed seed and order), so running it on an unchanged corpus rewrites the same
 * bytes; the drift test in test/unit/classifier/ checks exactly that.
 *   npm run classifier:train [-- domain ...]
 *   npm run classifier:train -- --check     retrain in memory, write nothing, exit 1 if a file differs
 */
import fs from 'node:fs';
import path from 'node:path';
import { modelFileName } from '../../src/classifier/model.loader';
import { MODELS_DIR } from './corpus.paths';
import { DOMAINS, serialiseModel, trainDomain } from './model.builder';

function main(): void {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const asked = args.filter((a) => a !== '--check');
  const unknown = asked.filter((d) => !DOMAINS.includes(d));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown domain(s) ${unknown.join(', ')}. Domains: ${DOMAINS.join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  fs.mkdirSync(MODELS_DIR, { recursive: true });
  for (const domain of asked.length > 0 ? asked : DOMAINS) {
    const started = process.hrtime.bigint();
    const text = serialiseModel(trainDomain(domain));
    const file = path.join(MODELS_DIR, modelFileName(domain));
    const changed = !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text;
    const name = path.relative(process.cwd(), file);
    if (check) {
      if (changed) {
        process.stderr.write(`${name} is stale: run npm run classifier:train\n`);
        process.exitCode = 1;
      }
      continue;
    }
    fs.writeFileSync(file, text);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    process.stdout.write(`${name}: ${(text.length / 1024).toFixed(0)} KiB, ${seconds.toFixed(1)} s${changed ? '' : ' (unchanged)'}\n`);
  }
}

main();
