import { InterviewEngine } from '../../../../src/interview/engine/interview.engine';
import type { ConversationState, CustomerAction, Who } from '../../../../src/interview/interview.types';
import { createThemeClassifier } from '../../../../src/classifier/theme.classifier';
import { buildService, EngineDriver } from '../../../transcripts/engine.driver';
import { runTranscript } from '../../../transcripts/transcript.runner';
import { TRANSCRIPTS } from '../../../transcripts/transcripts';
import { HOME_PARTNERS, TO_PARTNER_OFFER } from '../partner-offer.fixtures';
import { content } from './turn-context.fixtures';

/** Keys of content that are not spoken sentences (matching patterns, settings, names used as ids' labels). */
const NOT_WORDING = new Set(['locale', 'patterns', 'words', 'probeMaxWords', 'id', 'name', 'synonyms']);

/** The literal pieces of every spoken template in every locale, placeholders cut out. */
function wordingFragments(): string[] {
  const fragments = new Set<string>();
  const walk = (value: unknown, key?: string): void => {
    if (key !== undefined && NOT_WORDING.has(key)) return;
    if (typeof value === 'string') {
      for (const piece of value.split(/\{\w+\}/)) {
        const trimmed = piece.trim();
        // Two words or more: long enough that it can only have come from the content.
        if (trimmed.split(/\s+/).length >= 2 && trimmed.length >= 10) fragments.add(trimmed);
      }
    } else if (Array.isArray(value)) {
      value.forEach((v) => walk(v));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  for (const locale of content.locales()) {
    const { common, domains } = content.forLocale(locale);
    walk(common);
    domains.forEach((d) => walk(d));
  }
  return [...fragments];
}

const FRAGMENTS = wordingFragments();
const PARTNER_NAME = 'Homes R Us';

function sentencesIn(state: ConversationState): string[] {
  const json = JSON.stringify(state);
  return [...FRAGMENTS, PARTNER_NAME].filter((fragment) => json.includes(fragment));
}

describe('conversation state holds ids, not sentences', () => {
  it('has wording to look for', () => {
    expect(FRAGMENTS.length).toBeGreaterThan(100);
    // The check would catch a rendered sentence carried in state, as version 1 carried the reprompt.
    const engine = new InterviewEngine({ content, classifier: createThemeClassifier() });
    const out = engine.turn({ who: { userId: 'u', sessionId: 's', platform: 'terminal', locale: 'en-US' }, action: { type: 'launch' }, state: null });
    expect(sentencesIn({ ...out.state, lastReprompt: out.reprompt } as ConversationState)).not.toEqual([]);
  });

  const { service } = buildService();

  it.each(TRANSCRIPTS.map((t, i) => [t.name, t, i] as const))('after every turn of: %s', async (_name, transcript, i) => {
    const driver = new EngineDriver(service);
    await runTranscript(driver, transcript, `state-ids-user-${i}`);
    expect(driver.states.length).toBeGreaterThan(0);
    for (const state of driver.states) expect(sentencesIn(state)).toEqual([]);
  });

  it('after every turn of a partner offer, a card sent, a lead shared and a goodbye', () => {
    const engine = new InterviewEngine({ content, classifier: createThemeClassifier(), partners: HOME_PARTNERS });
    const who: Who = { userId: 'u', sessionId: 'partner-state', platform: 'alexa', locale: 'en-GB', capabilities: { cards: true, contactPermission: true } };
    const actions: CustomerAction[] = [...TO_PARTNER_OFFER, { type: 'help' }, { type: 'yes' }, { type: 'repeat' }, { type: 'yes' }, { type: 'delete-data' }, { type: 'no' }, { type: 'stop' }];
    let state: ConversationState | null = null;
    const speeches: string[] = [];
    for (const action of actions) {
      const out = engine.turn({ who, action, state });
      speeches.push(out.speech);
      expect(sentencesIn(out.state)).toEqual([]);
      state = out.state;
    }
    // The closing note, kept as an id, is still said in the goodbye.
    expect(speeches.at(-1)).toContain(`${PARTNER_NAME}'s details`);
  });
});
