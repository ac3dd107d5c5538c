import path from 'node:path';
import { PROJECT_ROOT } from '../../../../src/config/config';
import { loadModelSource } from '../../../../scripts/interaction-models/model.schema';
import { generateIntentTable } from '../../../../scripts/interaction-models/intent-table.generator';
import { generateAlexaModel } from '../../../../scripts/interaction-models/alexa-model.generator';

const source = loadModelSource(path.join(PROJECT_ROOT, 'interaction-models', 'source'));
const table = generateIntentTable(source);
const intent = (name: string) => {
  const found = table.intents.find((e) => e.name === name);
  if (found === undefined) throw new Error(`no ${name} in the table`);
  return found;
};

describe('intent table generated from interaction-models/', () => {
  it('states each intent\'s action and its name on each platform', () => {
    expect(intent('AMAZON.CancelIntent')).toMatchObject({ action: 'stop', alexa: { name: 'AMAZON.CancelIntent' }, dialogflow: { displayName: 'CancelIntent', action: 'cancel' } });
    expect(intent('AnswerFallbackIntent')).toMatchObject({ action: 'answer', withoutSlot: 'words', alexa: null, slots: [] });
    expect(intent('AMAZON.NavigateHomeIntent')).toMatchObject({ action: 'stop', dialogflow: null });
    expect(intent('ChooseDomainIntent')).toMatchObject({ action: 'choose-domain', withoutSlot: 'words', slots: [{ name: 'domain', type: 'LIFE_DOMAIN', role: 'domain' }] });
    expect(intent('ChangeDomainIntent')).toMatchObject({ action: 'change-domain', withoutSlot: 'bare' });
  });

  it('holds what both voice models were taught: Alexa samples, the built-in extensions, elicitation samples and Dialogflow phrases', () => {
    const yes = intent('AMAZON.YesIntent').samples['en-US'];
    expect(yes).toEqual(expect.arrayContaining(['yeah go on', 'sure why not', 'yes', 'of course']));
    // The built-in's extensions reach the Alexa model; what the built-in already knows does not.
    const alexaYes = generateAlexaModel(source, 'en-US', { invocationName: 'life path' }).interactionModel.languageModel.intents.find((i) => i.name === 'AMAZON.YesIntent');
    expect(alexaYes?.samples).toEqual(expect.arrayContaining(['yeah go on', 'sure why not']));
    expect(alexaYes?.samples).not.toContain('yes');
    expect(intent('ChooseDomainIntent').samples['en-US']).toEqual(expect.arrayContaining(["let's go with {domain}", "let's talk about {domain}"]));
    expect(intent('Default Welcome Intent').samples['en-US']).toContain('hello');
  });

  it('keeps each locale\'s own phrases and synonyms', () => {
    expect(intent('ChooseDomainIntent').samples['en-GB']).toContain('i fancy talking about {domain}');
    expect(intent('ChooseDomainIntent').samples['en-US']).not.toContain('i fancy talking about {domain}');
    const forms = (locale: string) => table.slotTypes.LIFE_DOMAIN?.[locale]?.find((v) => v.id === 'mobility')?.forms ?? [];
    expect(forms('en-GB')).toContain('the tube');
    expect(forms('en-GB')).not.toContain('gas');
    expect(forms('en-US')).toEqual(expect.arrayContaining(['mobility', 'gas']));
  });

  it('lists intents and phrases sorted, so the committed file only changes with the source', () => {
    const names = table.intents.map((e) => e.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const e of table.intents) for (const list of Object.values(e.samples)) expect(list).toEqual([...new Set(list)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});
