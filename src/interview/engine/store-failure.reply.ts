import type { CommonContent } from '../../content/content.schema';
import type { ConversationState, TurnOutput } from '../interview.types';

/**
 * The reply to send instead of `output` when the store could not commit its effects: the customer
 * is told what was not kept rather than told it was, and the session goes on where it can.
 */
export function storeFailureReply(common: CommonContent, output: TurnOutput, previous: ConversationState | null): TurnOutput {
  const effects = output.effects;
  if (effects.some((e) => e.kind === 'erase')) {
    // Never claim an erasure that did not happen.
    return { ...output, kind: 'goodbye', speech: common.deleteFailed, endSession: true, reprompt: undefined };
  }
  // Answers, consents and hand-offs are what the customer was told we kept; say when we did not.
  if (effects.some((e) => e.kind === 'consent' || e.kind === 'handoff')) {
    // Nothing was recorded, so nothing may be promised or sent: no card, no permission request,
    // no closing line about details sent; the customer hears why and the next question.
    const state = { ...output.state, closingNotes: previous?.closingNotes ?? [] };
    return { ...output, state, card: undefined, askPermission: undefined, speech: `${common.storeFailed} ${output.reprompt ?? ''}`.trim() };
  }
  if (!effects.some((e) => e.kind === 'answer')) return output;
  // An answer that was not kept is not answered: coming back to the area asks it again.
  const state = previous ? { ...output.state, answeredLenses: previous.answeredLenses } : output.state;
  return { ...output, state, speech: `${common.storeFailed} ${output.speech}` };
}
