import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildDomainCorpus } from '../../../scripts/classifier/build-corpus';
import { ROOT } from '../../../scripts/classifier/corpus.paths';
import { corpusFile, DOMAINS } from '../../../scripts/classifier/model.builder';

/**
 * The committed corpus and models are data that the corpus builder and `npm run classifier:train`
 * must reproduce byte for byte: an edited source, word list or setting without a rebuild fails
 * here, naming the command to run.
 */
describe('committed classifier data', () => {
  it.each(DOMAINS)('the %s corpus is what its sources build', (domain) => {
    const built = buildDomainCorpus(domain);
    const committed = fs.readFileSync(corpusFile(domain), 'utf8');
    if (committed !== built.text) throw new Error(`${corpusFile(domain)} is stale: run npx tsx scripts/classifier/build-corpus.ts`);
    expect(built.conflicts).toEqual([]);
  });

  it('content/models/ is what training on the corpus writes', () => {
    // Training runs in plain Node: inside Jest's module sandbox the same arithmetic is about three
    // times slower, which would put this test well past ten seconds. In Node it takes about four.
    const script = path.join(ROOT, 'scripts', 'classifier', 'train-classifier.ts');
    const result = spawnSync(process.execPath, ['--import', 'tsx', script, '--check'], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
