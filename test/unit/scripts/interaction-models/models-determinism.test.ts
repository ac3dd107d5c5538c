import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../../src/config/config';
import { loadModelSource, type ModelSource } from '../../../../scripts/interaction-models/model.schema';
import { buildModelFiles, type ModelBuildOptions } from '../../../../scripts/interaction-models/model-files.builder';
import { zipAgentDirectory } from '../../../../scripts/interaction-models/dialogflow-agent.zipper';
import { uuidFromName } from '../../../../scripts/interaction-models/dialogflow-agent.generator';

const SOURCE_DIR = path.join(PROJECT_ROOT, 'interaction-models', 'source');
const OPTIONS: ModelBuildOptions = { invocationName: 'life path' };

/** Reverses every array in the source: order that carries no meaning must not reach the output. */
function reversedCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedCopy).reverse() as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).reverse()) out[key] = reversedCopy((value as Record<string, unknown>)[key]);
    return out as T;
  }
  return value;
}

describe('model generation is deterministic', () => {
  const source = loadModelSource(SOURCE_DIR);

  it('gives identical bytes when run twice', () => {
    const first = buildModelFiles(source, OPTIONS);
    const second = buildModelFiles(loadModelSource(SOURCE_DIR), OPTIONS);
    expect(second).toEqual(first);
    expect(first.length).toBeGreaterThan(10);
  });

  it('does not depend on the order of lists or keys in the source', () => {
    const shuffled = reversedCopy(source) as ModelSource;
    // Example values are deliberately ranked by the writer, and prompts keep their order.
    shuffled.intents.intents.forEach((intent) => {
      intent.slots.forEach((slot) => {
        const original = source.intents.intents.find((o) => o.name === intent.name)?.slots.find((s) => s.name === slot.name);
        slot.dialogflowExamples = original?.dialogflowExamples;
        if (slot.elicitation !== undefined && original?.elicitation !== undefined) slot.elicitation.prompts = original.elicitation.prompts;
      });
    });
    shuffled.skill.publishing.locales = source.skill.publishing.locales;
    expect(buildModelFiles(shuffled, OPTIONS)).toEqual(buildModelFiles(source, OPTIONS));
  });

  it('changes the output when the options change', () => {
    const other = buildModelFiles(source, { ...OPTIONS, invocationName: 'my life path' });
    const manifest = other.find((f) => f.path === 'skill-package/skill.json');
    expect(manifest?.content).toContain('Alexa, open my life path');
  });

  it('derives UUID-shaped ids from names only', () => {
    expect(uuidFromName('intent:AnswerIntent')).toBe(uuidFromName('intent:AnswerIntent'));
    expect(uuidFromName('intent:AnswerIntent')).not.toBe(uuidFromName('intent:SkipIntent'));
    expect(uuidFromName('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('zips the agent to the same bytes every time, whatever the file dates', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'df-agent-'));
    try {
      fs.mkdirSync(path.join(dir, 'intents'));
      fs.writeFileSync(path.join(dir, 'agent.json'), '{"language":"en"}\n');
      fs.writeFileSync(path.join(dir, 'intents', 'A.json'), '{}\n');
      const first = await zipAgentDirectory(dir);
      fs.utimesSync(path.join(dir, 'agent.json'), new Date(2001, 1, 1), new Date(2001, 1, 1));
      const second = await zipAgentDirectory(dir);
      expect(Buffer.compare(first, second)).toBe(0);
      fs.writeFileSync(path.join(dir, 'intents', 'A.json'), '{"changed":true}\n');
      const third = await zipAgentDirectory(dir);
      expect(Buffer.compare(first, third)).not.toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
