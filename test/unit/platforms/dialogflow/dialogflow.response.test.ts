import { buildWebhookResponse } from '../../../../src/platforms/dialogflow/dialogflow.response';
import { WebhookRequestSchema, WebhookResponseSchema } from '../../../../src/platforms/dialogflow/dialogflow.schema';
import type { ConversationState, TurnOutput } from '../../../../src/interview/interview.types';
import { fixture } from '../../../support/dialogflow.http';

const state: ConversationState = {
  version: 2,
  phase: 'partner-offer',
  domain: 'money',
  lensIndex: 1,
  usedVariants: [],
  domainsDone: [],
  misunderstandings: 0,
  nonAnswersInRow: 0,
  quality: { nonAnswers: 0, misunderstandings: 0 },
  turn: 5,
  answeredLenses: {},
  sessionThemes: {},
  offeredPartners: ['budget-coach'],
  closingNotes: [],
  returning: false,
  storedThemes: {},
};

function turn(overrides: Partial<TurnOutput> = {}): TurnOutput {
  return {
    kind: 'partner-offer',
    speech: 'Our partner Budget Coach helps with exactly that. Shall I send you their details?',
    reprompt: 'Shall I send you their details?',
    awaitingAnswer: false,
    endSession: false,
    state,
    effects: [],
    card: { title: 'Budget Coach', text: 'Free monthly budgeting sessions.', url: 'https://partners.example.com/budget-coach?ref=lifepath' },
    ...overrides,
  };
}

const messenger = WebhookRequestSchema.parse(fixture('messenger-welcome.json'));
const phone = WebhookRequestSchema.parse(fixture('phone-gateway-choose-domain.json'));

describe('WebhookResponse rendering', () => {
  it('adds a Dialogflow Messenger info card with a link, and the card as plain text for everything else', () => {
    const response = WebhookResponseSchema.parse(buildWebhookResponse(messenger, turn()));
    expect(response.fulfillmentMessages).toEqual([
      { text: { text: ['Our partner Budget Coach helps with exactly that. Shall I send you their details?'] } },
      {
        payload: {
          richContent: [
            [
              { type: 'info', title: 'Budget Coach', subtitle: 'Free monthly budgeting sessions.', actionLink: 'https://partners.example.com/budget-coach?ref=lifepath' },
              { type: 'button', icon: { type: 'launch', color: '#1a73e8' }, text: 'partners.example.com', link: 'https://partners.example.com/budget-coach?ref=lifepath' },
            ],
          ],
        },
      },
    ]);
    expect(response.fulfillmentText).toBe(
      'Our partner Budget Coach helps with exactly that. Shall I send you their details?\n\nBudget Coach\nFree monthly budgeting sessions.\nhttps://partners.example.com/budget-coach?ref=lifepath',
    );
  });

  it('renders speech only when the engine gives no card (as on the phone, where the engine offers none)', () => {
    const response = WebhookResponseSchema.parse(buildWebhookResponse(phone, turn({ card: undefined })));
    expect(response.fulfillmentMessages).toEqual([{ text: { text: [turn().speech] } }]);
    expect(response.fulfillmentText).toBe(turn().speech);
  });

  it('drops a link that is not http(s) but keeps the card', () => {
    const response = WebhookResponseSchema.parse(buildWebhookResponse(messenger, turn({ card: { title: 'X', text: 'Y', url: 'javascript:alert(1)' } })));
    expect(response.fulfillmentMessages[1]).toEqual({ payload: { richContent: [[{ type: 'info', title: 'X', subtitle: 'Y' }]] } });
    expect(response.fulfillmentText).not.toContain('javascript');
  });

  it('puts the state in the session-scoped context and opens awaiting-answer only for open questions', () => {
    const question = buildWebhookResponse(messenger, turn({ kind: 'question', card: undefined, awaitingAnswer: true, state: { ...state, phase: 'question' } }));
    expect(question.outputContexts).toEqual([
      { name: `${messenger.session}/contexts/lifepath-state`, lifespanCount: 10, parameters: { state: JSON.stringify({ ...state, phase: 'question' }) } },
      { name: `${messenger.session}/contexts/awaiting-answer`, lifespanCount: 1 },
    ]);
    const help = buildWebhookResponse(messenger, turn({ kind: 'help', card: undefined, awaitingAnswer: true, state: { ...state, phase: 'probe' } }));
    expect(help.outputContexts[1]?.lifespanCount).toBe(1);
    const offer = buildWebhookResponse(messenger, turn());
    expect(offer.outputContexts[1]?.lifespanCount).toBe(0);
  });

  it('ends cleanly: contexts cleared, no reprompt, the end flagged for API callers', () => {
    const response = WebhookResponseSchema.parse(
      buildWebhookResponse(messenger, turn({ kind: 'goodbye', speech: 'Thanks, take care.', reprompt: undefined, endSession: true, card: undefined, state: { ...state, phase: 'ended' } })),
    );
    expect(response.payload).toEqual({ lifepath: { kind: 'goodbye', endConversation: true } });
    expect(response.outputContexts.map((c) => c.lifespanCount)).toEqual([0, 0]);
    expect(response.outputContexts[0]?.parameters).toBeUndefined();
  });

  it('the response schema refuses fields a v2 agent would reject', () => {
    const response = buildWebhookResponse(messenger, turn());
    expect(WebhookResponseSchema.safeParse({ ...response, endInteraction: true }).success).toBe(false);
    expect(WebhookResponseSchema.safeParse({ ...response, outputContexts: [{ name: 'awaiting-answer', lifespanCount: 1 }] }).success).toBe(false);
  });
});
