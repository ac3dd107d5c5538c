import { misunderstood, repeatCurrent } from '../conversation.steps';
import type { PhaseHandler } from '../turn-handler.types';

/** "Delete my answers" was said; a spoken yes erases, no returns to where the customer was. */
export const confirmDeletePhase: PhaseHandler = {
  name: 'confirm-delete',
  canHandle: (ctx) => ctx.state.phase === 'confirm-delete',
  handle(ctx) {
    const { action, state } = ctx;
    if (action.type === 'yes') {
      ctx.reply.effect({ kind: 'erase' });
      // Forget in the conversation too, not only in the store.
      Object.assign(state, { storedThemes: {}, sessionThemes: {}, answeredLenses: {}, returning: false, domainsDone: [] });
      ctx.reply.kind('deleted');
      ctx.say(ctx.common.deleted);
      state.phase = 'ended';
      ctx.reply.end();
      return;
    }
    if (action.type === 'no' || action.type === 'skip') {
      state.misunderstandings = 0;
      ctx.say(ctx.common.deleteCancelled);
      state.phase = state.returnPhase ?? 'choose-domain';
      state.pendingPrompt = state.returnPrompt;
      state.returnPhase = undefined;
      state.returnPrompt = undefined;
      return repeatCurrent(ctx, 'repeat');
    }
    return misunderstood(ctx);
  },
};
