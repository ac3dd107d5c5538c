import { NO_CONCERN_THEME_ID, OTHER_THEME_ID } from '../../classifier/theme.contract';
import type { DomainContent } from '../../content/content.schema';
import type { PartnerService } from '../../partners/partner.matcher';
import { LENSES, type AnswerEffect, type CustomerAction, type Lens, type ReplyKind } from '../interview.types';
import { partnerValues } from './prompt.catalog';
import type { TurnContext } from './turn.context';

/**
 * The moves several handlers share: asking for an area, starting one, moving through its lenses,
 * closing it, re-asking what is pending, misunderstandings and goodbyes. Plain functions of the
 * turn context, so a handler composes them without reaching into the engine.
 */

/** After this many misunderstandings in a row the session ends politely instead of looping. */
export const MAX_MISUNDERSTANDINGS = 3;

export function askDomain(ctx: TurnContext): void {
  ctx.state.phase = 'choose-domain';
  ctx.ask('domain-prompt', { key: 'choose-domain' });
}

/**
 * Starts an area at its first question not yet answered, from `from` on (a resume point) and else
 * from the start; an area with every question answered is not asked again.
 */
export function startDomain(ctx: TurnContext, domain: DomainContent, from = 0): void {
  ctx.state.misunderstandings = 0;
  const lensIndex = ctx.openLens(domain.id, from) ?? ctx.openLens(domain.id, 0);
  if (lensIndex === undefined) return domainCovered(ctx, domain);
  ctx.state.domain = domain.id;
  ctx.state.lensIndex = lensIndex;
  ctx.say(ctx.fill(ctx.pick('domainIntro', ctx.common.domainIntro), { domain: domain.name }));
  askQuestion(ctx, domain);
}

export function askQuestion(ctx: TurnContext, domain: DomainContent): void {
  const lens = ctx.currentLens();
  ctx.state.phase = 'question';
  ctx.state.probeParentId = undefined;
  ctx.state.nonAnswersInRow = 0;
  ctx.saveResume(ctx.state.lensIndex);
  ctx.ask('question', { key: 'question', domain: domain.id, lens });
}

/** On to the next question of the area not yet answered, or, after the last, the area's close. */
export function advanceLens(ctx: TurnContext, domain: DomainContent): void {
  ctx.state.probeParentId = undefined;
  const next = ctx.openLens(domain.id, ctx.state.lensIndex + 1);
  if (next !== undefined) {
    ctx.state.lensIndex = next;
    return askQuestion(ctx, domain);
  }
  ctx.state.lensIndex = LENSES.length;
  return finishDomain(ctx, domain);
}

/** An area picked again after every question in it was answered: say so and ask for another. */
function domainCovered(ctx: TurnContext, domain: DomainContent): void {
  const { state } = ctx;
  if (!state.domainsDone.includes(domain.id)) state.domainsDone.push(domain.id);
  state.phase = 'next-domain';
  if (ctx.remainingDomains().length === 0) {
    ctx.say(ctx.common.allDomainsDone);
    return goodbye(ctx);
  }
  ctx.ask('next-domain', { key: 'domain-covered', domain: domain.id });
}

/** "Carry on" with no question open: propose the next area with questions left, or close when none has. */
export function offerNextDomain(ctx: TurnContext): void {
  const { state } = ctx;
  state.misunderstandings = 0;
  const next = ctx.remainingDomains().find((d) => ctx.openLens(d.id) !== undefined);
  if (!next) {
    ctx.say(ctx.common.allDomainsDone);
    return goodbye(ctx);
  }
  state.phase = 'next-domain';
  ctx.ask('next-domain', { key: 'offer-domain', domain: next.id });
}

/** The area's questions are done: offer a partner that fits what was heard, else move on. */
export function finishDomain(ctx: TurnContext, domain: DomainContent): void {
  const { state } = ctx;
  if (!state.domainsDone.includes(domain.id)) state.domainsDone.push(domain.id);
  const heard = state.sessionThemes[domain.id] ?? [];
  // Only offer what the platform can deliver: without a card there is nothing to send.
  const match = ctx.capabilities.cards ? ctx.partners.match({ domain: domain.id, themes: heard, locale: ctx.who.locale, exclude: state.offeredPartners }) : null;
  if (match) {
    const partner = match.partner;
    state.offeredPartners.push(partner.id);
    state.pendingPartnerId = partner.id;
    state.pendingPartnerTheme = match.theme;
    state.phase = 'partner-offer';
    ctx.saveResume(null);
    return ctx.ask('partner-offer', { key: 'partner-offer', partnerId: partner.id });
  }
  return afterDomain(ctx, domain);
}

export function afterDomain(ctx: TurnContext, domain: DomainContent, alreadyMarked = false): void {
  const { state } = ctx;
  if (!alreadyMarked && !state.domainsDone.includes(domain.id)) state.domainsDone.push(domain.id);
  state.phase = 'next-domain';
  ctx.saveResume(null);
  if (ctx.remainingDomains().length === 0) {
    ctx.say(ctx.common.allDomainsDone);
    return goodbye(ctx);
  }
  ctx.ask('next-domain', { key: 'next-domain', domain: domain.id });
}

/** Re-asks whatever is pending, so help, summaries and cancelled detours always end in a question. */
export function repeatCurrent(ctx: TurnContext, kind: ReplyKind): void {
  const pending = ctx.state.pendingPrompt;
  if (ctx.state.phase === 'confirm-delete') {
    ctx.ask(kind, { key: 'confirm-delete' });
  } else if (!(pending && ctx.state.phase !== 'start' && ctx.reask(kind, pending))) {
    askDomain(ctx);
  }
  ctx.reply.kind(kind);
}

export function misunderstood(ctx: TurnContext, hint?: string): void {
  const { state } = ctx;
  state.misunderstandings += 1;
  state.quality.misunderstandings += 1;
  if (state.misunderstandings >= MAX_MISUNDERSTANDINGS) {
    ctx.say(ctx.common.tooManyMisunderstandings);
    ctx.reply.kind('goodbye').end();
    state.phase = 'ended';
    return;
  }
  ctx.say(hint ?? ctx.pick('misunderstood', ctx.common.misunderstood));
  const pending = state.pendingPrompt;
  if (!(pending && ctx.reask('clarify', pending))) ctx.reask('clarify', { key: 'choose-domain', variant: 0 });
}

export function goodbye(ctx: TurnContext): void {
  for (const note of ctx.state.closingNotes) {
    const partner = ctx.partners.get(note.partnerId);
    // A partner withdrawn since the card was sent is not named in closing.
    if (partner) ctx.say(ctx.fill(ctx.common.partner.closingNote, { partner: partner.name }));
  }
  ctx.say(ctx.pick('goodbye', ctx.common.goodbye));
  ctx.reply.kind('goodbye').end();
  ctx.state.phase = 'ended';
}

/** Keeps an answer as an effect and notes its top theme for acknowledgements, partner matching and summaries. */
export function recordAnswer(ctx: TurnContext, domain: DomainContent, lens: Lens, questionId: string, parentAnswerId: string | null, text: string): AnswerEffect {
  ctx.state.nonAnswersInRow = 0;
  // The question's lens tells the classifier what kind of answer it is reading.
  const classification = ctx.classifier.classify(domain.id, text, { lens });
  const answer: AnswerEffect = {
    kind: 'answer',
    id: ctx.newId(),
    domain: domain.id,
    lens,
    questionId,
    parentAnswerId,
    text,
    themes: classification.themes,
    sentiment: classification.sentiment,
  };
  ctx.reply.effect(answer);
  const top = classification.themes[0]?.id;
  // "Nothing worries me there" is kept as an answer, but it is not a theme to offer a partner on or to list back.
  if (top && top !== OTHER_THEME_ID && top !== NO_CONCERN_THEME_ID) {
    const heard = (ctx.state.sessionThemes[domain.id] ??= []);
    if (!heard.includes(top)) heard.push(top);
  }
  return answer;
}

/** Notes that a question of an area has its answer, so coming back to the area does not ask it again. */
export function markAnswered(ctx: TurnContext, domain: DomainContent, lens: Lens): void {
  const answered = (ctx.state.answeredLenses[domain.id] ??= []);
  if (!answered.includes(lens)) answered.push(lens);
}

/** A question is identified by its domain and lens; the wording variant is not part of it. */
export function questionId(domain: DomainContent, lens: Lens): string {
  return `${domain.id}.${lens}`;
}

/** The free speech in an action; a bare yes or no counts as words when a question is open. */
export function answerText(action: CustomerAction): string | undefined {
  const text = 'text' in action ? action.text?.trim() : undefined;
  if (text) return text;
  if (action.type === 'yes') return 'yes';
  if (action.type === 'no') return 'no';
  return undefined;
}

/** Acknowledges a skip and moves to the next lens. */
export function skip(ctx: TurnContext, domain: DomainContent): void {
  ctx.state.misunderstandings = 0;
  ctx.say(ctx.pick('skipped', ctx.common.skipped));
  advanceLens(ctx, domain);
}

/** "Who are they?" at an offer: the partner's name and what it does, then the same question again. */
export function describePartner(ctx: TurnContext, partner: PartnerService): void {
  ctx.state.misunderstandings = 0;
  ctx.say(ctx.fill(ctx.common.partner.about, partnerValues(partner)));
  const pending = ctx.state.pendingPrompt;
  if (!(pending && ctx.reask('partner-offer', pending))) ctx.ask('partner-offer', { key: 'partner-offer', partnerId: partner.id });
}
