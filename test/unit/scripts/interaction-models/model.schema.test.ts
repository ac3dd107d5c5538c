import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../../src/config/config';
import { isAppError } from '../../../../src/errors/app-error';
import { loadModelSource, parseModelSource, SOURCE_FILES, type RawSourceFiles } from '../../../../scripts/interaction-models/model.schema';

const SOURCE_DIR = path.join(PROJECT_ROOT, 'interaction-models', 'source');

function rawSource(): RawSourceFiles {
  const files = {} as RawSourceFiles;
  for (const file of Object.values(SOURCE_FILES)) files[file] = JSON.parse(fs.readFileSync(path.join(SOURCE_DIR, file), 'utf8')) as unknown;
  return files;
}

/** Tests break the source on purpose, in ways no precise type would allow. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** The error message of parsing a source changed by `mutate`. */
function errorFor(mutate: (files: Record<string, Loose>) => void): string {
  const files = rawSource() as Record<string, Loose>;
  mutate(files);
  try {
    parseModelSource(files as RawSourceFiles);
  } catch (error) {
    if (!isAppError(error)) throw error;
    expect(error.code).toBe('CONTENT_INVALID');
    return error.message;
  }
  throw new Error('expected the source to be rejected');
}

describe('interaction model source schema', () => {
  it('accepts the committed source', () => {
    const source = loadModelSource(SOURCE_DIR);
    expect(source.skill.locales).toEqual(['en-US', 'en-GB']);
    expect(source.intents.intents.map((i) => i.name)).toEqual(
      expect.arrayContaining(['ChooseDomainIntent', 'AnswerIntent', 'SkipIntent', 'ChangeDomainIntent', 'ResumeIntent', 'DeleteMyDataIntent', 'WhatDoYouKnowIntent']),
    );
  });

  it('names the file and field of a wrong type', () => {
    const message = errorFor((f) => {
      f['intents.json'].intents[2].samples[1] = 42;
    });
    expect(message).toContain('intents.json: intents[2].samples[1]:');
  });

  it('names the file and field of an unspeakable sample', () => {
    const message = errorFor((f) => {
      f['intents.json'].intents[0].samples.push('talk about {domain}!');
    });
    expect(message).toMatch(/intents\.json: intents\[0\]\.samples\[\d+\]: may contain only letters/);
  });

  it('rejects upper case words but not slot names', () => {
    const message = errorFor((f) => {
      f['intents.json'].intents[2].samples.push('Skip');
    });
    expect(message).toMatch(/intents\.json: intents\[2\]\.samples\[\d+\]: must be lower case/);
  });

  it('names the field of an unknown key', () => {
    const message = errorFor((f) => {
      f['skill.json'].publishing.colour = 'blue';
    });
    expect(message).toContain('skill.json: publishing:');
    expect(message).toContain('colour');
  });

  it('names a bad locale code in slot-types.json', () => {
    const message = errorFor((f) => {
      f['slot-types.json'].types[0].locales['en_gb'] = { values: {} };
    });
    expect(message).toContain('slot-types.json: types[0].locales');
  });

  it('rejects a slot type that is not defined', () => {
    const message = errorFor((f) => {
      f['intents.json'].intents[0].slots[0].type = 'LIFE_AREA';
    });
    expect(message).toContain('intents.json: intents[0].slots[0].type: slot type LIFE_AREA is not defined in slot-types.json');
  });

  it('rejects a locale override for a locale that is not declared', () => {
    const message = errorFor((f) => {
      f['intents.json'].intents[2].locales = { 'en-AU': { add: ['skip mate'] } };
    });
    expect(message).toContain('intents.json: intents[2].locales.en-AU: locale is not listed in skill.json locales');
  });

  it('rejects removing a sample that is not there', () => {
    const message = errorFor((f) => {
      f['intents.json'].intents[2].locales = { 'en-GB': { remove: ['skip it please'] } };
    });
    expect(message).toContain('intents.json: intents[2].locales.en-GB.remove[0]: "skip it please" is not one of the shared samples');
  });

  it('rejects a synonym used by two domain values', () => {
    const message = errorFor((f) => {
      f['slot-types.json'].types[0].values[2].synonyms.push('finances');
    });
    expect(message).toContain('slot-types.json: types[0].values: "finances" is used by more than one value or twice');
  });

  it('rejects a built-in without a Dialogflow name', () => {
    const message = errorFor((f) => {
      const help = f['intents.json'].intents.find((i: { name: string }) => i.name === 'AMAZON.HelpIntent');
      delete help.dialogflow.name;
    });
    expect(message).toMatch(/intents\.json: intents\[\d+\]\.dialogflow\.name: a built-in needs a Dialogflow display name/);
  });

  it('rejects a Dialogflow input context the webhook never sets', () => {
    const message = errorFor((f) => {
      f['intents.json'].intents[1].dialogflow.inputContexts = ['awaiting-domain'];
    });
    expect(message).toContain(`intents.json: intents[1].dialogflow.inputContexts[0]: "awaiting-domain" is not the webhook's context "awaiting-answer"`);
  });

  describe('the customer action each intent maps to', () => {
    const named = (f: Record<string, Loose>, name: string): Loose => f['intents.json'].intents.find((i: { name: string }) => i.name === name);

    it('requires an action from the engine\'s list', () => {
      expect(errorFor((f) => delete f['intents.json'].intents[2].action)).toMatch(/intents\.json: intents\[2\]\.action: /);
      expect(errorFor((f) => (f['intents.json'].intents[2].action = 'dance'))).toMatch(/intents\.json: intents\[2\]\.action: /);
    });

    it('a domain action needs a slot with the domain role', () => {
      const message = errorFor((f) => delete named(f, 'ChangeDomainIntent').slots[0].role);
      expect(message).toMatch(/intents\.json: intents\[\d+\]\.slots: action change-domain needs a slot with role "domain"/);
    });

    it('a slot role the action has no use for is refused', () => {
      const message = errorFor((f) => {
        named(f, 'SkipIntent').slots = [{ name: 'domain', type: 'LIFE_DOMAIN', role: 'domain' }];
      });
      expect(message).toMatch(/intents\.json: intents\[2\]\.slots\[0\]\.role: action skip has no use for a domain slot/);
    });

    it('an empty-slot rule only where the action takes a slot', () => {
      const message = errorFor((f) => (named(f, 'AMAZON.YesIntent').withoutSlot = 'bare'));
      expect(message).toMatch(/intents\.json: intents\[\d+\]\.withoutSlot: action yes takes no slot/);
    });

    it('an answer intent without an answer slot must take the words', () => {
      const message = errorFor((f) => delete named(f, 'AnswerFallbackIntent').withoutSlot);
      expect(message).toMatch(/intents\.json: intents\[\d+\]\.withoutSlot: an answer intent without an answer slot must take the customer's words/);
    });
  });

  it('rejects a Dialogflow-only sample that is already shared', () => {
    const message = errorFor((f) => {
      const yes = f['intents.json'].intents.find((i: { name: string }) => i.name === 'AMAZON.YesIntent');
      yes.dialogflow.samples.push('go on');
    });
    expect(message).toMatch(/intents\.json: intents\[\d+\]\.dialogflow\.samples: "go on" is already a shared sample/);
  });

  it('reports every problem at once', () => {
    const message = errorFor((f) => {
      f['skill.json'].locales = ['english'];
      f['intents.json'].intents[0].name = 'Choose Domain!';
    });
    expect(message).toContain('skill.json: locales[0]: must look like en-US');
    expect(message).toContain('intents.json: intents[0].name:');
  });

  it('names the file that is not valid JSON when loading from disk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'model-source-'));
    try {
      for (const file of Object.values(SOURCE_FILES)) fs.copyFileSync(path.join(SOURCE_DIR, file), path.join(dir, file));
      fs.writeFileSync(path.join(dir, 'slot-types.json'), '{ "types": [ }');
      expect(() => loadModelSource(dir)).toThrow(/slot-types\.json: is not valid JSON/);
      fs.rmSync(path.join(dir, 'intents.json'));
      expect(() => loadModelSource(dir)).toThrow(/intents\.json: cannot be read/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
