import { initialState } from '../../conversation-state.factory';
import type { TurnInterceptor } from '../turn-handler.types';

/**
 * A platform that keeps talking after we closed gets a fresh start rather than silence, still
 * knowing what the customer told us before (an erasure cleared that already).
 */
export const restartAfterEndInterceptor: TurnInterceptor = {
  name: 'restart-after-end',
  canHandle: (ctx) => ctx.state.phase === 'ended',
  handle(ctx) {
    const { state } = ctx;
    const { turn, storedThemes, sessionThemes, returning, domainsDone, answeredLenses, quality } = state;
    // The platform session goes on, so its counts go on too; and what was answered stays answered.
    Object.assign(state, initialState(), { turn, storedThemes, returning, domainsDone, answeredLenses, quality });
    for (const [domain, themes] of Object.entries(sessionThemes)) {
      state.storedThemes[domain] = [...new Set([...(storedThemes[domain] ?? []), ...themes])];
    }
    ctx.firstTurn = true;
    return 'continue';
  },
};
