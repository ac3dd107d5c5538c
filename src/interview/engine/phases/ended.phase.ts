import { goodbye } from '../conversation.steps';
import type { PhaseHandler } from '../turn-handler.types';

/**
 * The session is over. The restart interceptor normally starts such a session afresh first; this
 * handler keeps the phase table complete, so a closed session can only ever say goodbye.
 */
export const endedPhase: PhaseHandler = {
  name: 'ended',
  canHandle: (ctx) => ctx.state.phase === 'ended',
  handle: (ctx) => goodbye(ctx),
};
