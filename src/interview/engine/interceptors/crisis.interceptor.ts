import type { LocaleContent } from '../../../content/content.loader';
import type { TurnContext } from '../turn.context';
import type { TurnInterceptor } from '../turn-handler.types';

/**
 * Crisis language, in the action's words or anywhere in what was heard (it can hide in "help ..."
 * or in a command), gets a caring reply and ends the session. Nothing from this turn is stored or
 * routed: the customer needs help, not a partner offer. Abuse gets the abuse helpline as well as
 * the emergency number, because that is the help that fits.
 */
export const crisisInterceptor: TurnInterceptor = {
  name: 'crisis',
  canHandle: (ctx) => assess(ctx) !== undefined,
  handle(ctx) {
    const found = assess(ctx);
    ctx.say(found === 'abuse' ? ctx.common.crisis.abuseResponse : ctx.common.crisis.response);
    ctx.reply.kind('crisis').end();
    ctx.state.phase = 'ended';
    return 'replied';
  },
};

type Finding = 'abuse' | 'other';

/** Memoised per turn: canHandle and handle ask the same question of the same words. */
const findings = new WeakMap<TurnContext, Finding | null>();

function assess(ctx: TurnContext): Finding | undefined {
  const known = findings.get(ctx);
  if (known !== undefined) return known ?? undefined;
  const finding = detect(ctx);
  findings.set(ctx, finding);
  return finding ?? undefined;
}

function detect(ctx: TurnContext): Finding | null {
  const { action, utterance } = ctx;
  const texts = [utterance, 'text' in action ? action.text : undefined].filter((t): t is string => Boolean(t && t.trim()));
  if (texts.length === 0) return null;
  // On free speech the model's judgement counts on its own; on words the platform already mapped
  // to a command ("tell me what you know about me") only a strong cue does, so a command phrase
  // that merely sounds personal never ends the conversation. Crisis hidden in a command ("help me
  // my partner hurts me") is a strong cue.
  const freeSpeech = action.type === 'answer' || action.type === 'choose-domain' || action.type === 'unknown';
  let found: Finding | null = null;
  for (const text of texts) {
    const assessment = ctx.distress.assess(text, ctx.who.locale);
    if (assessment.distress && (freeSpeech || assessment.score === 1)) {
      if (assessment.category === 'abuse') return 'abuse';
      found = 'other';
    }
  }
  if (found) return found;
  // The content's own patterns stay as a second net, so a company can add a phrase without
  // retraining anything.
  const patterns = crisisPatterns(ctx.content);
  return texts.some((text) => patterns.some((p) => p.test(text))) ? 'other' : null;
}

/** Crisis patterns compiled once per locale's content, not on every turn. */
const compiledCrisis = new WeakMap<LocaleContent, RegExp[]>();
function crisisPatterns(content: LocaleContent): RegExp[] {
  let patterns = compiledCrisis.get(content);
  if (!patterns) {
    patterns = content.common.crisis.patterns.map((p) => new RegExp(p, 'i'));
    compiledCrisis.set(content, patterns);
  }
  return patterns;
}
