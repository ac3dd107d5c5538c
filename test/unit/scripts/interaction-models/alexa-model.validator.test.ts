import path from 'node:path';
import { PROJECT_ROOT } from '../../../../src/config/config';
import { loadModelSource } from '../../../../scripts/interaction-models/model.schema';
import { generateAlexaModel, generateSkillManifest, type AlexaInteractionModel } from '../../../../scripts/interaction-models/alexa-model.generator';
import {
  assertValid,
  normaliseUtterance,
  validateAlexaModel,
  validateExamplePhrases,
  validateInvocationName,
  type ValidationIssue,
} from '../../../../scripts/interaction-models/alexa-model.validator';

const source = loadModelSource(path.join(PROJECT_ROOT, 'interaction-models', 'source'));

function realModel(locale = 'en-US'): AlexaInteractionModel {
  return generateAlexaModel(source, locale, { invocationName: 'life path' });
}

/** A deep copy to break on purpose. */
function broken(mutate: (model: AlexaInteractionModel) => void): AlexaInteractionModel {
  const model = JSON.parse(JSON.stringify(realModel())) as AlexaInteractionModel;
  mutate(model);
  return model;
}

function intent(model: AlexaInteractionModel, name: string) {
  const found = model.interactionModel.languageModel.intents.find((i) => i.name === name);
  if (found === undefined) throw new Error(`test setup: no intent ${name}`);
  return found;
}

function messages(issues: ValidationIssue[]): string[] {
  return issues.map((i) => `${i.path}: ${i.message}`);
}

describe('Alexa model validator', () => {
  it.each(['en-US', 'en-GB'])('accepts the generated %s model', (locale) => {
    expect(messages(validateAlexaModel(realModel(locale)))).toEqual([]);
  });

  it('accepts the generated manifest example phrases', () => {
    const manifest = generateSkillManifest(source, { invocationName: 'life path' });
    expect(messages(validateExamplePhrases(manifest, { 'en-US': realModel('en-US'), 'en-GB': realModel('en-GB') }))).toEqual([]);
  });

  describe('invocation name', () => {
    it.each([
      ['life path', []],
      ['money matters', []],
      ["molly's horoscope", []],
    ])('accepts "%s"', (name, expected) => {
      expect(validateInvocationName(name)).toEqual(expected);
    });

    it.each([
      ['lifepath', 'at least two words'],
      ['Life Path', 'only lower case letters'],
      ['life path 2', 'only lower case letters'],
      ['open life path', 'launch, connecting or wake words: open'],
      ['ask life path', 'launch, connecting or wake words: ask'],
      ['alexa life coach', 'launch, connecting or wake words: alexa'],
      ['life path skill', 'launch, connecting or wake words: skill'],
      ['life path app', 'launch, connecting or wake words: app'],
      ['launch amazon helper', 'launch, connecting or wake words: launch, amazon'],
      ['the path', 'article, preposition or pronoun'],
      ['x', 'must be 2-50 characters'],
      ['a very long invocation name that nobody could ever remember', 'must be 2-50 characters'],
    ])('rejects "%s"', (name, expected) => {
      expect(messages(validateInvocationName(name)).join('\n')).toContain(expected);
    });

    it('allows one word only for an owned brand', () => {
      expect(validateInvocationName('lifepath', { allowSingleWordBrand: true })).toEqual([]);
    });

    it('is checked as part of the model', () => {
      const model = broken((m) => {
        m.interactionModel.languageModel.invocationName = 'open sesame';
      });
      expect(messages(validateAlexaModel(model))).toEqual([
        'languageModel.invocationName: invocation name "open sesame" must not contain launch, connecting or wake words: open',
      ]);
    });
  });

  it('rejects an AMAZON.SearchQuery sample without a carrier phrase', () => {
    const model = broken((m) => intent(m, 'AnswerIntent').samples.push('{answer}'));
    const found = messages(validateAlexaModel(model));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^languageModel\.intents\[\d+\]\.samples\[\d+\]: sample "\{answer\}" in AnswerIntent must include a carrier phrase around the AMAZON\.SearchQuery slot$/);
  });

  it('still allows a bare {answer} as a slot elicitation sample', () => {
    const answer = intent(realModel(), 'AnswerIntent');
    expect(answer.slots?.[0]?.samples).toEqual(['{answer}']);
  });

  it('rejects a SearchQuery sample that mixes in another slot', () => {
    const model = broken((m) => {
      const answer = intent(m, 'AnswerIntent');
      answer.slots?.push({ name: 'domain', type: 'LIFE_DOMAIN' });
      answer.samples.push('about {domain} i {answer}');
    });
    expect(messages(validateAlexaModel(model)).join('\n')).toContain('mixes an AMAZON.SearchQuery slot with other slots');
  });

  it('rejects the same utterance in two intents, ignoring case and spacing', () => {
    const model = broken((m) => intent(m, 'SkipIntent').samples.push('Delete  my answers'));
    const found = messages(validateAlexaModel(model));
    expect(found).toHaveLength(1);
    expect(found.join('\n')).toContain('sample "Delete  my answers" in SkipIntent duplicates "delete my answers" in DeleteMyDataIntent');
  });

  it('treats slots of the same type as the same utterance', () => {
    const model = broken((m) => intent(m, 'ChangeDomainIntent').samples.push('let\'s talk about {domain}'));
    expect(messages(validateAlexaModel(model)).join('\n')).toContain("sample \"let's talk about {domain}\" in ChooseDomainIntent duplicates \"let's talk about {domain}\" in ChangeDomainIntent");
    expect(normaliseUtterance("Let's  talk about {domain}", new Map([['domain', 'LIFE_DOMAIN']]))).toBe("let's talk about {LIFE_DOMAIN}");
  });

  it('keeps utterances with slots of different types apart', () => {
    const types = new Map([
      ['domain', 'LIFE_DOMAIN'],
      ['answer', 'AMAZON.SearchQuery'],
    ]);
    expect(normaliseUtterance('i {answer}', types)).not.toBe(normaliseUtterance('i {domain}', types));
    const model = broken((m) => intent(m, 'ChangeDomainIntent').samples.push('i {domain}'));
    expect(messages(validateAlexaModel(model))).toEqual([]);
  });

  it('rejects a sample that uses an undeclared slot', () => {
    const model = broken((m) => intent(m, 'SkipIntent').samples.push('skip {domain}'));
    expect(messages(validateAlexaModel(model)).join('\n')).toContain('sample "skip {domain}" uses {domain}, which is not a slot of SkipIntent');
  });

  it('rejects a slot whose type does not exist', () => {
    const model = broken((m) => {
      const choose = intent(m, 'ChooseDomainIntent');
      const slot = choose.slots?.[0];
      if (slot !== undefined) slot.type = 'LIFE_AREA';
    });
    const found = messages(validateAlexaModel(model)).join('\n');
    expect(found).toContain('slot ChooseDomainIntent.domain uses slot type LIFE_AREA, which does not exist');
    expect(found).toContain('has type LIFE_DOMAIN, the intent says LIFE_AREA');
  });

  it('rejects an unknown built-in slot type', () => {
    const model = broken((m) => {
      const slot = intent(m, 'AnswerIntent').slots?.[0];
      if (slot !== undefined) slot.type = 'AMAZON.Literal';
    });
    expect(messages(validateAlexaModel(model)).join('\n')).toContain('uses slot type AMAZON.Literal, which does not exist');
  });

  it.each(['AMAZON.StopIntent', 'AMAZON.HelpIntent', 'AMAZON.FallbackIntent', 'AMAZON.NavigateHomeIntent'])('requires the built-in %s', (name) => {
    const model = broken((m) => {
      m.interactionModel.languageModel.intents = m.interactionModel.languageModel.intents.filter((i) => i.name !== name);
    });
    expect(messages(validateAlexaModel(model))).toEqual([`languageModel.intents: required built-in intent ${name} is missing`]);
  });

  it('rejects samples that are too long or unspeakable', () => {
    const model = broken((m) => {
      intent(m, 'SkipIntent').samples.push(`skip ${'very '.repeat(45)}long`);
      intent(m, 'SkipIntent').samples.push('skip 2 questions');
      intent(m, 'SkipIntent').samples.push('skip!');
    });
    const found = messages(validateAlexaModel(model)).join('\n');
    expect(found).toContain('characters; the limit is 200');
    expect(found).toContain('sample "skip 2 questions" has characters Alexa does not accept');
    expect(found).toContain('sample "skip!" has characters Alexa does not accept');
  });

  it('rejects a custom intent with no samples and a bad intent name', () => {
    const model = broken((m) => {
      m.interactionModel.languageModel.intents.push({ name: 'Empty-Intent', samples: [] });
    });
    const found = messages(validateAlexaModel(model)).join('\n');
    expect(found).toContain('custom intent Empty-Intent has no samples');
    expect(found).toContain('intent name Empty-Intent may contain only letters and underscores');
  });

  it('checks the dialog model against the language model', () => {
    const model = broken((m) => {
      m.interactionModel.prompts = [];
      const answer = intent(m, 'AnswerIntent');
      const slot = answer.slots?.[0];
      if (slot !== undefined) delete slot.samples;
    });
    const found = messages(validateAlexaModel(model)).join('\n');
    expect(found).toContain('prompt Elicit.Slot.AnswerIntent.answer is not defined in prompts');
    expect(found).toContain('elicited slot AnswerIntent.answer has no slot samples, so a bare reply cannot fill it');
  });

  it('rejects a slot sample that does not contain its slot', () => {
    const model = broken((m) => {
      const slot = intent(m, 'ChooseDomainIntent').slots?.[0];
      slot?.samples?.push('the usual');
    });
    expect(messages(validateAlexaModel(model)).join('\n')).toContain('slot sample "the usual" must contain {domain}');
  });

  it('rejects a synonym shared by two slot values', () => {
    const model = broken((m) => {
      const type = m.interactionModel.languageModel.types?.[0];
      type?.values[0]?.name.synonyms?.push('groceries');
    });
    expect(messages(validateAlexaModel(model)).join('\n')).toMatch(/"groceries" already belongs to/);
  });

  it('rejects example phrases the model would not understand', () => {
    const manifest = generateSkillManifest(source, { invocationName: 'life path' });
    const en = manifest.manifest.publishingInformation.locales['en-US'];
    if (en === undefined) throw new Error('test setup: no en-US');
    en.examplePhrases = ['Alexa, open life path', 'Alexa, ask life path to order a pizza', 'Open life path', 'Alexa, open other skill'];
    const found = messages(validateExamplePhrases(manifest, { 'en-US': realModel('en-US'), 'en-GB': realModel('en-GB') }));
    expect(found).toEqual([
      'publishingInformation.locales.en-US.examplePhrases[1]: example phrase "Alexa, ask life path to order a pizza": "order a pizza" does not match any sample utterance',
      'publishingInformation.locales.en-US.examplePhrases[2]: example phrase "Open life path" must start with "Alexa, "',
      'publishingInformation.locales.en-US.examplePhrases[3]: example phrase "Alexa, open other skill" must use a launch phrase and the invocation name "life path"',
    ]);
  });

  it('assertValid throws with every issue listed', () => {
    expect(() => assertValid([{ path: 'a.b', message: 'bad' }], 'Thing')).toThrow('Thing is invalid:\n  a.b: bad');
    expect(() => assertValid([], 'Thing')).not.toThrow();
  });
});
