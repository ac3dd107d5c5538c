/**
 * Rebuilds test/fixtures/classifier/corpus/<domain>.jsonl from the hand-written sources and the
 * old labelled set (deterministic: the same sources give the same bytes).
 *   npx tsx scripts/classifier/build-corpus.ts [domain ...]
 */
import fs from 'node:fs';
import path from 'node:path';
import { CONTRACT_THEMES } from '../../src/classifier/theme.contract';
import { buildCorpus, parseSources, type CorpusExample, type CorpusLens } from './corpus.builder';
import { CORPUS_DIR, DEV_DIR, HELD_OUT_DIR, SOURCES_DIR } from './corpus.paths';

/** Fixed, so the corpus only changes when its sources do. */
const CORPUS_SEED = 20240909;
const NON_ANSWER_SHARE = 0.15;

export interface BuiltCorpus {
  domain: string;
  examples: CorpusExample[];
  conflicts: string[];
  /** The file's bytes, as committed. */
  text: string;
}

function readLabelled(file: string): Array<{ text: string; theme: string; also: string[]; lens?: CorpusLens }> {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { text: string; theme: string; also?: string[]; lens?: CorpusLens })
    .map((e) => ({ text: e.text, theme: e.theme, also: e.also ?? [], lens: e.lens }));
}

export function buildDomainCorpus(domain: string): BuiltCorpus {
  const written = path.join(SOURCES_DIR, 'written');
  const sharedFile = path.join(written, 'shared.txt');
  // <domain>.txt and any <domain>.<part>.txt, in name order.
  const domainFiles = fs
    .readdirSync(written)
    .filter((name) => name === `${domain}.txt` || (name.startsWith(`${domain}.`) && name.endsWith('.txt')))
    .sort()
    .map((name) => path.join(written, name));
  const domainBook = parseSources('', `${domain}.txt`);
  for (const file of domainFiles) parseSources(fs.readFileSync(file, 'utf8'), file, domainBook);
  const { examples, conflicts } = buildCorpus({
    domain,
    themes: CONTRACT_THEMES[domain] ?? [],
    sharedBook: parseSources(fs.readFileSync(sharedFile, 'utf8'), sharedFile),
    domainBook,
    labelled: readLabelled(path.join(SOURCES_DIR, 'labelled', `${domain}.jsonl`)),
    seed: CORPUS_SEED,
    nonAnswerShare: NON_ANSWER_SHARE,
    // The development sets measure generalisation; a line of theirs in the corpus would measure memory.
    exclude: new Set([HELD_OUT_DIR, DEV_DIR].flatMap((dir) => readLabelled(path.join(dir, `${domain}.jsonl`)).map((e) => e.text))),
  });
  const text = examples.map((e) => JSON.stringify({ text: e.text, theme: e.theme, also: e.also, lens: e.lens, group: e.group })).join('\n');
  return { domain, examples, conflicts, text: `${text}\n` };
}

if (require.main === module) {
  fs.mkdirSync(CORPUS_DIR, { recursive: true });
  const asked = process.argv.slice(2);
  for (const domain of asked.length > 0 ? asked : Object.keys(CONTRACT_THEMES)) {
    const built = buildDomainCorpus(domain);
    fs.writeFileSync(path.join(CORPUS_DIR, `${domain}.jsonl`), built.text);
    const counts = new Map<string, number>();
    for (const e of built.examples) counts.set(e.theme, (counts.get(e.theme) ?? 0) + 1);
    const nonAnswers = counts.get('non-answer') ?? 0;
    process.stdout.write(
      `${domain}: ${built.examples.length} examples, ${((nonAnswers / built.examples.length) * 100).toFixed(1)}% non-answers, ` +
        `${built.conflicts.length} conflicting duplicates dropped\n`,
    );
    for (const conflict of built.conflicts) process.stdout.write(`  conflict: ${conflict}\n`);
    process.stdout.write(`  ${[...counts.entries()].map(([t, n]) => `${t} ${n}`).join(', ')}\n`);
  }
}
