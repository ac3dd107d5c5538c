import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../../src/config/config';
import { loadModelSource } from '../../../../scripts/interaction-models/model.schema';
import { buildModelFiles, listCommittedFiles, readCommittedOptions } from '../../../../scripts/interaction-models/model-files.builder';
import { DEFAULT_INVOCATION_NAME } from '../../../../scripts/interaction-models/alexa-model.generator';

/**
 * The committed skill-package/ and dialogflow-agent/ must be exactly what the source generates.
 * Options that are not in the source (invocation name, URLs, the Lambda ARN written by
 * `ask deploy`) are read back from the committed files, so only real drift fails.
 */
describe('generated voice models are up to date', () => {
  const source = loadModelSource(path.join(PROJECT_ROOT, 'interaction-models', 'source'));
  const committedOptions = readCommittedOptions(PROJECT_ROOT);
  const expected = buildModelFiles(source, { invocationName: DEFAULT_INVOCATION_NAME, ...committedOptions });

  it('has no missing or stale generated files', () => {
    const committed = listCommittedFiles(PROJECT_ROOT);
    const wanted = expected.map((f) => f.path);
    const missing = wanted.filter((p) => !committed.includes(p));
    const stale = committed.filter((p) => !wanted.includes(p));
    if (missing.length > 0 || stale.length > 0) {
      throw new Error(`Generated files are out of date (missing: ${missing.join(', ') || 'none'}; stale: ${stale.join(', ') || 'none'}); run npm run models:build`);
    }
    expect(committed).toEqual(wanted);
  });

  it.each(expected.map((f) => [f.path, f]))('%s matches the source byte for byte', (_path, file) => {
    const full = path.join(PROJECT_ROOT, file.path);
    const onDisk = fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
    if (onDisk !== file.content) {
      throw new Error(`${file.path} differs from what interaction-models/source generates; run npm run models:build`);
    }
    expect(onDisk).toBe(file.content);
  });
});
