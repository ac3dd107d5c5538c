import type { RequestEnvelope } from 'ask-sdk-model';
import { isAppError } from '../../../src/errors/app-error';
import { requestToAction as alexaAction } from '../../../src/platforms/alexa/alexa.mapping';
import { requestToAction as dialogflowAction } from '../../../src/platforms/dialogflow/dialogflow.mapping';
import { WebhookRequestSchema } from '../../../src/platforms/dialogflow/dialogflow.schema';
import {
  actionFor,
  alexaAnswerCapture,
  alexaIntent,
  dialogflowIntent,
  INTENT_TABLE,
  parseIntentTable,
  tableLocale,
  type IntentEntry,
} from '../../../src/platforms/intent.table';

function entry(overrides: Partial<IntentEntry>): IntentEntry {
  return { name: 'Test', action: 'help', withoutSlot: 'unknown', alexa: null, dialogflow: null, slots: [], samples: {}, ...overrides };
}

const domainSlot = [{ name: 'domain', type: 'LIFE_DOMAIN', role: 'domain' as const }];
const answerSlot = [{ name: 'answer', type: 'AMAZON.SearchQuery', role: 'answer' as const }];

describe('intent table', () => {
  it('the committed table knows each platform name once and every customer command', () => {
    expect(alexaIntent('AMAZON.YesIntent')?.action).toBe('yes');
    expect(dialogflowIntent('YesIntent')?.action).toBe('yes');
    expect(alexaIntent('AMAZON.NavigateHomeIntent')?.action).toBe('stop');
    expect(dialogflowIntent('CancelIntent')?.action).toBe('stop');
    expect(dialogflowIntent('Default Welcome Intent')?.action).toBe('launch');
    expect(alexaIntent('YesIntent')).toBeUndefined();
    const actions = new Set(INTENT_TABLE.intents.map((e) => e.action));
    for (const action of ['choose-domain', 'answer', 'help', 'skip', 'repeat', 'start-over', 'change-domain', 'resume', 'yes', 'no', 'stop', 'delete-data', 'what-do-you-know']) {
      expect(actions).toContain(action);
    }
  });

  it('names the Alexa intent and slot that capture answers', () => {
    expect(alexaAnswerCapture()).toEqual({ intent: 'AnswerIntent', slot: 'answer' });
    expect(() => alexaAnswerCapture({ ...INTENT_TABLE, intents: INTENT_TABLE.intents.filter((e) => e.action !== 'answer') })).toThrow(/no Alexa intent with an answer slot/);
  });

  it('refuses a malformed table with CONTENT_INVALID, naming the field', () => {
    const broken = JSON.parse(JSON.stringify(INTENT_TABLE)) as { intents: Array<{ action: string }> };
    (broken.intents[2] as { action: string }).action = 'dance';
    try {
      parseIntentTable(broken);
      throw new Error('expected a rejection');
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('CONTENT_INVALID');
      expect((error as Error).message).toContain('intents.2.action');
    }
  });

  it.each([
    ['en-GB', 'en-GB'],
    ['en-US', 'en-US'],
    ['en-AU', 'en-GB'],
    ['de-DE', 'en-US'],
  ])('locale %s reads the samples of %s', (locale, expected) => {
    // en-AU takes the first English locale in sorted order; unknown languages the default.
    expect(tableLocale(locale)).toBe(expected);
  });
});

describe('actionFor: one rule per action, whatever the channel', () => {
  const choose = entry({ action: 'choose-domain', withoutSlot: 'words', slots: domainSlot });
  const change = entry({ action: 'change-domain', withoutSlot: 'bare', slots: domainSlot });
  const answer = entry({ action: 'answer', withoutSlot: 'words', slots: answerSlot });

  it.each<[string, IntentEntry | undefined, Parameters<typeof actionFor>[1], unknown]>([
    ['a domain with the words', choose, { slots: { domain: { value: 'money', words: 'finances' } }, words: 'my finances please' }, { type: 'choose-domain', domain: 'money', text: 'my finances please' }],
    ['a domain, no words: the slot words', choose, { slots: { domain: { value: 'money', words: 'finances' } } }, { type: 'choose-domain', domain: 'money', text: 'finances' }],
    ['an empty domain with words: the words', choose, { slots: {}, words: 'gardening' }, { type: 'choose-domain', text: 'gardening' }],
    ['an empty domain, no words: not understood', choose, { slots: {} }, { type: 'unknown' }],
    ['an empty domain to change to: bare', change, { slots: {}, words: 'change the topic' }, { type: 'change-domain' }],
    ['a domain to change to', change, { slots: { domain: { value: 'food' } } }, { type: 'change-domain', domain: 'food' }],
    ['an answer slot', answer, { slots: { answer: { value: 'a boat' } }, words: 'my dream is a boat' }, { type: 'answer', text: 'a boat' }],
    ['an empty answer slot with words', answer, { slots: { answer: { value: '  ' } }, words: ' a boat ' }, { type: 'answer', text: 'a boat' }],
    ['an empty answer slot, no words', answer, { slots: {} }, { type: 'unknown' }],
    ['a command ignores the words', entry({ action: 'yes' }), { slots: {}, words: 'yeah go on' }, { type: 'yes' }],
    ['an intent the table does not know', undefined, { slots: {}, words: 'order a pizza' }, { type: 'unknown', text: 'order a pizza' }],
    ['a fallback without words', entry({ action: 'unknown' }), { slots: {} }, { type: 'unknown' }],
  ])('%s', (_name, intent, heard, expected) => {
    expect(actionFor(intent, heard)).toEqual(expected);
  });

  it('Alexa and Dialogflow map every shared intent alike when nothing was said or filled', () => {
    const shared = INTENT_TABLE.intents.filter((e) => e.alexa !== null && e.dialogflow !== null);
    expect(shared.length).toBeGreaterThan(10);
    for (const e of shared) {
      const onAlexa = alexaAction({ request: { type: 'IntentRequest', intent: { name: e.alexa?.name, confirmationStatus: 'NONE' } } } as unknown as RequestEnvelope);
      const onDialogflow = dialogflowAction(
        WebhookRequestSchema.parse({
          responseId: 'r',
          session: 'projects/p/agent/sessions/s',
          queryResult: { queryText: '', parameters: {}, languageCode: 'en', intent: { displayName: e.dialogflow?.displayName } },
        }),
      );
      expect([e.name, onAlexa]).toEqual([e.name, onDialogflow]);
    }
  });
});
