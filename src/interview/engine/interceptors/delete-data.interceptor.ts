import type { TurnInterceptor } from '../turn-handler.types';

/** "Delete my answers" asks for a spoken yes first, remembering where to come back to on a no. */
export const deleteDataInterceptor: TurnInterceptor = {
  name: 'delete-data',
  canHandle: (ctx) => ctx.action.type === 'delete-data',
  handle(ctx) {
    const { state } = ctx;
    state.misunderstandings = 0;
    // Asked twice in a row: keep the place from before the first time.
    if (state.phase !== 'confirm-delete') {
      state.returnPhase = state.phase;
      state.returnPrompt = state.pendingPrompt;
    }
    state.phase = 'confirm-delete';
    ctx.ask('confirm-delete', { key: 'confirm-delete' });
    return 'replied';
  },
};
