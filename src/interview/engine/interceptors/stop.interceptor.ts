import { goodbye } from '../conversation.steps';
import type { TurnInterceptor } from '../turn-handler.types';

export const stopInterceptor: TurnInterceptor = {
  name: 'stop',
  canHandle: (ctx) => ctx.action.type === 'stop',
  handle(ctx) {
    goodbye(ctx);
    return 'replied';
  },
};
