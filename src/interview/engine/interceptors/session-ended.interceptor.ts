import type { TurnInterceptor } from '../turn-handler.types';

/** The platform closed the session: nothing to say, nothing to add. */
export const sessionEndedInterceptor: TurnInterceptor = {
  name: 'session-ended',
  canHandle: (ctx) => ctx.action.type === 'session-ended',
  handle(ctx) {
    // Where to resume was saved when the pending question was asked.
    ctx.state.phase = 'ended';
    ctx.reply.end();
    return 'replied';
  },
};
