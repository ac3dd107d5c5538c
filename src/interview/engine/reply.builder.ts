import type { Card, ConversationState, Effect, ReplyKind, TurnOutput } from '../interview.types';

/**
 * Collects one turn's reply while handlers run: what to say, the reprompt, the reply kind, whether
 * the session ends, a card, a permission request and the effects to persist. Handlers only add;
 * `build` is the one place that decides the final speech and the reprompt fallback.
 */
export class ReplyBuilder {
  private readonly parts: string[] = [];
  private repromptText: string | undefined;
  private replyKind: ReplyKind = 'silent';
  private ending = false;
  private cardToShow: Card | undefined;
  private permission: 'email' | 'phone' | undefined;
  private readonly collected: Effect[] = [];

  /** Adds spoken parts in order; blank parts are dropped so templates may yield nothing. */
  say(...parts: string[]): this {
    for (const part of parts) if (part.trim() !== '') this.parts.push(part.trim());
    return this;
  }

  /** Where the next spoken part will go, for `sayAt`. */
  mark(): number {
    return this.parts.length;
  }

  /** Adds a part at a mark taken earlier: for a line that belongs before what followed, once it is known the session goes on. */
  sayAt(mark: number, part: string): this {
    if (part.trim() !== '') this.parts.splice(Math.min(mark, this.parts.length), 0, part.trim());
    return this;
  }

  /** Forgets what was said so far (a one-shot launch re-greets before acting), keeping everything else. */
  clearSpeech(): this {
    this.parts.length = 0;
    return this;
  }

  reprompt(text: string): this {
    this.repromptText = text;
    return this;
  }

  kind(kind: ReplyKind): this {
    this.replyKind = kind;
    return this;
  }

  end(): this {
    this.ending = true;
    return this;
  }

  card(card: Card): this {
    this.cardToShow = card;
    return this;
  }

  askPermission(permission: 'email' | 'phone'): this {
    this.permission = permission;
    return this;
  }

  effect(effect: Effect): this {
    this.collected.push(effect);
    return this;
  }

  get ended(): boolean {
    return this.ending;
  }

  get effects(): readonly Effect[] {
    return this.collected;
  }

  /**
   * The turn's output. Without a reprompt of its own the reply falls back to the pending prompt,
   * then to the speech itself, so an open session never waits in silence.
   */
  build(state: ConversationState, pendingReprompt?: string): TurnOutput {
    const speech = this.parts.join(' ').replace(/\s+/g, ' ').trim();
    return {
      kind: this.replyKind,
      speech,
      reprompt: this.ending ? undefined : (this.repromptText ?? pendingReprompt ?? speech),
      awaitingAnswer: !this.ending && (state.phase === 'question' || state.phase === 'probe'),
      endSession: this.ending,
      card: this.cardToShow,
      askPermission: this.permission,
      state,
      effects: [...this.collected],
    };
  }
}
