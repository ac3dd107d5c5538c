/**
 * `npm run quality:build`: regenerates content/quality/word-surprisal.json (committed data) from
 * the installed spoken-English frequency list. Deterministic: the same list version always gives
 * the same bytes, which test/unit/quality/word-surprisal.drift.test.ts checks.
 *   npm run quality:build                 write the table
 *   npm run quality:build -- --check      exit 1 if the committed table is stale
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { WORD_SURPRISAL_FILE } from '../../src/quality/word-surprisal.schema';
import { buildSurprisalTable, readFrequencyList, serializeSurprisalTable } from './word-surprisal.builder';

export const TABLE_PATH = path.resolve(__dirname, '..', '..', 'content', 'quality', WORD_SURPRISAL_FILE);

/** The table text the installed list produces. */
export function builtTableText(): string {
  return serializeSurprisalTable(buildSurprisalTable(readFrequencyList()));
}

function main(): void {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const text = builtTableText();
  const relative = path.relative(process.cwd(), TABLE_PATH);
  if (values.check) {
    const current = fs.existsSync(TABLE_PATH) ? fs.readFileSync(TABLE_PATH, 'utf8') : '';
    if (current !== text) {
      process.stderr.write(`${relative} is stale: run npm run quality:build\n`);
      process.exit(1);
    }
    process.stdout.write(`${relative} is up to date\n`);
    return;
  }
  fs.mkdirSync(path.dirname(TABLE_PATH), { recursive: true });
  fs.writeFileSync(TABLE_PATH, text);
  const head = JSON.parse(text) as { words: number; coverage: number; floorBits: number; source: string };
  process.stdout.write(
    `wrote ${relative} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB): ${head.words} words from ${head.source}, ` +
      `${(head.coverage * 100).toFixed(2)}% of its tokens, floor ${head.floorBits} bits\n`,
  );
}

if (require.main === module) main();
