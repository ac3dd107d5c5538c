import { repeatCurrent } from '../conversation.steps';
import type { TurnContext } from '../turn.context';
import type { TurnInterceptor } from '../turn-handler.types';

/** The themes stored and heard so far, by area, never the customer's words; then what is pending. */
export const whatDoYouKnowInterceptor: TurnInterceptor = {
  name: 'what-do-you-know',
  canHandle: (ctx) => ctx.action.type === 'what-do-you-know',
  handle(ctx) {
    ctx.state.misunderstandings = 0;
    ctx.say(summary(ctx));
    repeatCurrent(ctx, 'summary');
    return 'replied';
  },
};

function summary(ctx: TurnContext): string {
  const { state, common } = ctx;
  const parts: string[] = [];
  for (const domain of ctx.content.domains) {
    const themes = [...(state.storedThemes[domain.id] ?? [])];
    for (const t of state.sessionThemes[domain.id] ?? []) if (!themes.includes(t)) themes.push(t);
    if (themes.length === 0) continue;
    // At most three per area keeps the summary short enough to speak.
    const labels = themes.slice(0, 3).map((t) => ctx.classifier.label(domain.id, t));
    parts.push(`${domain.name}: ${ctx.list(labels, common.words.and)}`);
  }
  if (parts.length === 0) return common.summary.none;
  return `${ctx.fill(common.summary.some, { summary: parts.join('; ') })} ${common.summary.noteOnText}`;
}
