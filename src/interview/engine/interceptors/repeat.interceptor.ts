import { repeatCurrent } from '../conversation.steps';
import type { TurnInterceptor } from '../turn-handler.types';

/** "Repeat", and a launch inside a running session (the customer opened the skill again): say what is pending. */
export const repeatInterceptor: TurnInterceptor = {
  name: 'repeat',
  canHandle: (ctx) => ctx.action.type === 'repeat' || ctx.action.type === 'launch',
  handle(ctx) {
    repeatCurrent(ctx, 'repeat');
    return 'replied';
  },
};
