import type { TurnContext } from './turn.context';

/** Answers a turn in one phase of the interview (ask-sdk style: the first that can handle it does). */
export interface PhaseHandler {
  readonly name: string;
  canHandle(ctx: TurnContext): boolean;
  handle(ctx: TurnContext): void;
}

/** `replied`: the turn is answered, nothing after runs. `continue`: later interceptors and the phase handler still run. */
export type Interception = 'replied' | 'continue';

/** Runs before any phase handler: the commands that work everywhere, and what every turn checks first. */
export interface TurnInterceptor {
  readonly name: string;
  canHandle(ctx: TurnContext): boolean;
  handle(ctx: TurnContext): Interception;
}
