import { createHash, randomUUID } from 'node:crypto';
import type { ThemeClassifier } from '../../classifier/classifier.types';
import type { ContentCatalog, LocaleContent } from '../../content/content.loader';
import type { DomainContent } from '../../content/content.schema';
import { NO_PARTNERS, type PartnerDirectory, type PartnerMatch, type PartnerService } from '../../partners/partner.matcher';
import {
  DEFAULT_CAPABILITIES,
  LENSES,
  type AnswerEffect,
  type Card,
  type ConversationState,
  type CustomerAction,
  type Effect,
  type Lens,
  type ReplyKind,
  type RespondentProfile,
  type TurnInput,
  type TurnOutput,
  type Who,
} from '../interview.types';

export interface EngineDeps {
  content: ContentCatalog;
  classifier: ThemeClassifier;
  partners?: PartnerDirectory;
  /** Injected so tests can predict answer ids. */
  newId?: () => string;
}

/** After this many misunderstandings in a row the session ends politely instead of looping. */
const MAX_MISUNDERSTANDINGS = 3;

export function initialState(profile?: RespondentProfile): ConversationState {
  return {
    version: 1,
    phase: 'start',
    lensIndex: 0,
    usedVariants: [],
    domainsDone: [...(profile?.domainsDone ?? [])],
    misunderstandings: 0,
    turn: 0,
    sessionThemes: {},
    offeredPartners: [],
    closingNotes: [],
    returning: profile?.known ?? false,
    storedThemes: structuredClone(profile?.themes ?? {}),
  };
}

/**
 * One turn of the interview as a pure function of (who, action, state, profile): no I/O, no
 * platform types. Everything to persist is returned as effects, which the service commits
 * before the reply is sent.
 */
export class InterviewEngine {
  private readonly partners: PartnerDirectory;
  private readonly newId: () => string;

  constructor(private readonly deps: EngineDeps) {
    this.partners = deps.partners ?? NO_PARTNERS;
    this.newId = deps.newId ?? randomUUID;
  }

  turn(input: TurnInput): TurnOutput {
    const content = this.deps.content.forLocale(input.who.locale);
    const isFirstTurn = input.state === null;
    const state: ConversationState = structuredClone(input.state ?? initialState(input.profile));
    state.turn += 1;
    const turn = new Turn(this, content, input.who, state, input.profile);
    turn.run(input.action, isFirstTurn, input.utterance);
    return turn.output();
  }

  /** What to say when the store could not keep an answer or could not erase, in the customer's locale. */
  failureMessages(locale: string): { store: string; erase: string } {
    const common = this.deps.content.forLocale(locale).common;
    return { store: common.storeFailed, erase: common.deleteFailed };
  }

  /** @internal used by Turn */
  classify(domain: string, text: string) {
    return this.deps.classifier.classify(domain, text);
  }

  /** @internal used by Turn */
  themeLabel(domain: string, theme: string): string {
    return this.deps.classifier.label(domain, theme);
  }

  /** @internal used by Turn */
  matchPartner(domain: string, themes: string[], locale: string, exclude: string[]): PartnerMatch | null {
    return this.partners.match({ domain, themes, locale, exclude });
  }

  /** @internal used by Turn */
  partner(id: string): PartnerService | null {
    return this.partners.get(id);
  }

  /** @internal used by Turn */
  id(): string {
    return this.newId();
  }
}

/** Mutable working set for one turn; keeps the engine's public surface to `turn()`. */
class Turn {
  private readonly spoken: string[] = [];
  private reprompt: string | undefined;
  private kind: ReplyKind = 'silent';
  private end = false;
  private card: Card | undefined;
  private askPermission: 'email' | 'phone' | undefined;
  private readonly effects: Effect[] = [];

  constructor(
    private readonly engine: InterviewEngine,
    private readonly content: LocaleContent,
    private readonly who: Who,
    private readonly state: ConversationState,
    private readonly profile: RespondentProfile | undefined,
  ) {}

  private get common() {
    return this.content.common;
  }

  private get capabilities() {
    return this.who.capabilities ?? DEFAULT_CAPABILITIES;
  }

  run(action: CustomerAction, isFirstTurn: boolean, utterance?: string): void {
    if (action.type === 'session-ended') {
      // Where to resume was saved when the pending question was asked; nothing to say or add.
      this.state.phase = 'ended';
      this.end = true;
      return;
    }
    if (this.state.phase === 'ended') {
      // A platform that keeps talking after we closed gets a fresh start rather than silence,
      // still knowing what the customer told us before (an erasure cleared that already).
      const { turn, storedThemes, sessionThemes, returning, domainsDone } = this.state;
      Object.assign(this.state, initialState(), { turn, storedThemes, returning, domainsDone });
      for (const [domain, themes] of Object.entries(sessionThemes)) {
        this.state.storedThemes[domain] = [...new Set([...(storedThemes[domain] ?? []), ...themes])];
      }
      isFirstTurn = true;
    }
    if (this.isCrisis(action, utterance)) {
      this.crisis();
      return;
    }
    if (isFirstTurn) {
      this.welcome();
      if (action.type === 'launch') return;
      // One-shot launches ("ask life path to talk about food") carry an action: greet, then act.
      this.spoken.length = 0;
      this.say(this.greeting());
    }
    this.dispatch(action);
  }

  output(): TurnOutput {
    const speech = this.spoken.join(' ').replace(/\s+/g, ' ').trim();
    return {
      kind: this.kind,
      speech,
      reprompt: this.end ? undefined : this.reprompt ?? this.state.lastReprompt ?? speech,
      awaitingAnswer: !this.end && (this.state.phase === 'question' || this.state.phase === 'probe'),
      endSession: this.end,
      card: this.card,
      askPermission: this.askPermission,
      state: this.state,
      effects: this.effects,
    };
  }

  // ---- dispatch ---------------------------------------------------------------------------

  private dispatch(action: CustomerAction): void {
    switch (action.type) {
      case 'launch':
        return this.repeatCurrent('repeat');
      case 'stop':
        return this.goodbye();
      case 'help':
        return this.help();
      case 'repeat':
        return this.repeatCurrent('repeat');
      case 'start-over':
        this.state.misunderstandings = 0;
        this.say(this.common.startOver);
        this.state.domain = undefined;
        this.state.lensIndex = 0;
        return this.askDomain();
      case 'change-domain':
        this.state.misunderstandings = 0;
        if (action.domain !== undefined) {
          const domain = this.findDomain(action.domain);
          if (domain) return this.startDomain(domain, 0);
        }
        this.state.domain = undefined;
        return this.askDomain();
      case 'delete-data':
        this.state.misunderstandings = 0;
        if (this.state.phase !== 'confirm-delete') {
          this.state.returnPhase = this.state.phase;
          this.state.returnPrompt = this.state.lastReprompt;
        }
        this.state.phase = 'confirm-delete';
        return this.ask('confirm-delete', this.pick('deleteConfirm', this.common.deleteConfirm.prompt), this.common.deleteConfirm.reprompt);
      case 'what-do-you-know':
        this.state.misunderstandings = 0;
        this.say(this.summary());
        return this.repeatCurrent('summary');
      default:
        return this.byPhase(action);
    }
  }

  private byPhase(action: CustomerAction): void {
    switch (this.state.phase) {
      case 'start':
      case 'choose-domain':
        return this.onChooseDomain(action);
      case 'resume-offer':
        return this.onResumeOffer(action);
      case 'question':
        return this.onQuestion(action);
      case 'probe':
        return this.onProbe(action);
      case 'partner-offer':
        return this.onPartnerOffer(action);
      case 'partner-share':
        return this.onPartnerShare(action);
      case 'next-domain':
        return this.onNextDomain(action);
      case 'confirm-delete':
        return this.onConfirmDelete(action);
      case 'ended':
        return this.goodbye();
    }
  }

  // ---- phases -----------------------------------------------------------------------------

  private onChooseDomain(action: CustomerAction): void {
    const domain = this.domainFrom(action);
    if (domain) return this.startDomain(domain, 0);
    return this.misunderstood(this.fill(this.common.chooseDomain.clarify));
  }

  private onResumeOffer(action: CustomerAction): void {
    const resume = this.state.resumeOffer ?? null;
    const resumeDomain = resume ? this.findDomain(resume.domain) : undefined;
    if ((action.type === 'yes' || action.type === 'resume') && resume && resumeDomain) {
      return this.startDomain(resumeDomain, resume.lensIndex);
    }
    if (action.type === 'no') {
      this.state.misunderstandings = 0;
      return this.askDomain();
    }
    const domain = this.domainFrom(action);
    if (domain) return this.startDomain(domain, 0);
    return this.misunderstood();
  }

  private onQuestion(action: CustomerAction): void {
    const domain = this.currentDomain();
    if (action.type === 'skip') {
      this.state.misunderstandings = 0;
      this.say(this.pick('skipped', this.common.skipped));
      return this.advanceLens(domain);
    }
    // A bare answer that happens to name a domain ("money") arrives as a domain choice; while a
    // question is open it is an answer. Switching topic is "change topic" / "switch to food".
    if (action.type === 'resume') return this.repeatCurrent('repeat');
    const text = answerText(action);
    if (text === undefined) return this.misunderstood();
    if (wordCount(text) < 2 && (action.type === 'yes' || action.type === 'no' || /^(yes|no|yeah|nope|ok|okay)$/i.test(text))) {
      return this.misunderstood(this.pick('tooShort', this.common.tooShort));
    }
    this.state.misunderstandings = 0;
    const lens = this.currentLens();
    const answer = this.recordAnswer(domain, lens, questionId(domain, lens), null, text);
    // The question is answered: a customer who leaves during the follow-up resumes at the next
    // one, and after the last one the area counts as done.
    const next = this.state.lensIndex + 1;
    if (next >= LENSES.length && !this.state.domainsDone.includes(domain.id)) this.state.domainsDone.push(domain.id);
    this.saveResume(next);
    const top = answer.themes[0]?.id ?? 'other';
    this.acknowledge(domain, top);
    if (wordCount(text) >= this.common.probeMaxWords) return this.advanceLens(domain);
    this.state.phase = 'probe';
    this.state.probeParentId = answer.id;
    const probe = this.probeFor(domain, lens, top);
    return this.ask('probe', probe, probe);
  }

  private onProbe(action: CustomerAction): void {
    const domain = this.currentDomain();
    if (action.type === 'skip') {
      this.state.misunderstandings = 0;
      this.say(this.pick('skipped', this.common.skipped));
      return this.advanceLens(domain);
    }
    const text = answerText(action);
    if (text === undefined) return this.misunderstood();
    this.state.misunderstandings = 0;
    const lens = this.currentLens();
    this.recordAnswer(domain, lens, `${questionId(domain, lens)}.probe`, this.state.probeParentId ?? null, text);
    this.say(this.pick('probeThanks', this.common.probeThanks));
    return this.advanceLens(domain);
  }

  private onPartnerOffer(action: CustomerAction): void {
    const partner = this.state.pendingPartnerId ? this.engine.partner(this.state.pendingPartnerId) : null;
    const domain = this.currentDomain();
    if (!partner) return this.afterDomain(domain);
    if (action.type === 'yes') {
      this.state.misunderstandings = 0;
      this.effects.push({ kind: 'consent', subject: `partner-card:${partner.id}`, granted: true });
      this.effects.push({ kind: 'handoff', partnerId: partner.id, domain: domain.id, theme: this.state.pendingPartnerTheme ?? partner.themes[0] ?? 'other', mode: 'card' });
      this.card = { title: partner.name, text: partner.description, url: partner.url };
      this.say(this.fill(this.common.partner.sent, { partner: partner.name }));
      this.state.closingNotes.push(this.fill(this.common.partner.closingNote, { partner: partner.name }));
      if (partner.acceptsLeads && this.capabilities.contactPermission) {
        this.state.phase = 'partner-share';
        const c = this.common.partner.share;
        return this.ask('partner-offer', this.fill(this.pick('partnerShare', c.prompt), { partner: partner.name }), this.fill(c.reprompt, { partner: partner.name }));
      }
      this.state.pendingPartnerId = undefined;
      this.state.pendingPartnerTheme = undefined;
      return this.afterDomain(domain, true);
    }
    if (action.type === 'no' || action.type === 'skip') {
      this.state.misunderstandings = 0;
      this.state.pendingPartnerId = undefined;
      this.state.pendingPartnerTheme = undefined;
      this.say(this.common.partner.declined);
      return this.afterDomain(domain, true);
    }
    return this.misunderstood();
  }

  private onPartnerShare(action: CustomerAction): void {
    const partner = this.state.pendingPartnerId ? this.engine.partner(this.state.pendingPartnerId) : null;
    const domain = this.currentDomain();
    if (!partner) return this.afterDomain(domain, true);
    if (action.type === 'yes' || action.type === 'no' || action.type === 'skip') {
      this.state.misunderstandings = 0;
      const granted = action.type === 'yes';
      this.effects.push({ kind: 'consent', subject: `partner-lead:${partner.id}`, granted });
      const theme = this.state.pendingPartnerTheme ?? partner.themes[0] ?? 'other';
      this.state.pendingPartnerId = undefined;
      this.state.pendingPartnerTheme = undefined;
      if (granted) {
        this.effects.push({ kind: 'handoff', partnerId: partner.id, domain: domain.id, theme, mode: 'lead' });
        this.askPermission = 'email';
        this.say(this.fill(this.common.partner.shared, { partner: partner.name }));
      } else {
        this.say(this.common.partner.declined);
      }
      return this.afterDomain(domain, true);
    }
    return this.misunderstood();
  }

  private onNextDomain(action: CustomerAction): void {
    if (action.type === 'no' || action.type === 'skip') return this.goodbye();
    const domain = this.domainFrom(action);
    if (domain) return this.startDomain(domain, 0);
    if (action.type === 'yes') {
      this.state.misunderstandings = 0;
      const c = this.common.nextDomain.whichOne;
      return this.ask('next-domain', this.fill(this.pick('whichOne', c.prompt)), this.fill(c.reprompt));
    }
    return this.misunderstood();
  }

  private onConfirmDelete(action: CustomerAction): void {
    if (action.type === 'yes') {
      this.effects.push({ kind: 'erase' });
      // Forget in the conversation too, not only in the store.
      Object.assign(this.state, { storedThemes: {}, sessionThemes: {}, returning: false, domainsDone: [] });
      this.kind = 'deleted';
      this.say(this.common.deleted);
      this.state.phase = 'ended';
      this.end = true;
      return;
    }
    if (action.type === 'no' || action.type === 'skip') {
      this.state.misunderstandings = 0;
      this.say(this.common.deleteCancelled);
      this.state.phase = this.state.returnPhase ?? 'choose-domain';
      this.state.lastReprompt = this.state.returnPrompt;
      this.state.returnPhase = undefined;
      this.state.returnPrompt = undefined;
      return this.repeatCurrent('repeat');
    }
    return this.misunderstood();
  }

  // ---- steps ------------------------------------------------------------------------------

  private welcome(): void {
    this.say(this.greeting());
    const resume = this.profile?.resume ?? null;
    const resumeDomain = resume ? this.findDomain(resume.domain) : undefined;
    if (this.state.returning && resume && resumeDomain && resume.lensIndex < LENSES.length) {
      this.state.phase = 'resume-offer';
      this.state.resumeOffer = resume;
      const c = this.common.resumeOffer;
      this.ask('resume-offer', this.fill(this.pick('resumeOffer', c.prompt), { domain: resumeDomain.name }), this.fill(c.reprompt, { domain: resumeDomain.name }));
      return;
    }
    this.askDomain();
    this.kind = 'welcome';
  }

  private greeting(): string {
    if (this.state.returning) return this.pick('welcomeReturning', this.common.welcome.returning);
    return `${this.pick('welcomeNew', this.common.welcome.new)} ${this.common.notice}`;
  }

  private askDomain(): void {
    this.state.phase = 'choose-domain';
    const c = this.common.chooseDomain;
    this.ask('domain-prompt', this.fill(this.pick('chooseDomain', c.prompt)), this.fill(c.reprompt));
  }

  private startDomain(domain: DomainContent, lensIndex: number): void {
    this.state.misunderstandings = 0;
    this.state.domain = domain.id;
    this.state.lensIndex = Math.min(Math.max(lensIndex, 0), LENSES.length - 1);
    this.say(this.fill(this.pick('domainIntro', this.common.domainIntro), { domain: domain.name }));
    this.askQuestion(domain);
  }

  private askQuestion(domain: DomainContent): void {
    const lens = this.currentLens();
    this.state.phase = 'question';
    this.state.probeParentId = undefined;
    const question = this.pick(`q:${domain.id}.${lens}`, domain.questions[lens]);
    this.saveResume(this.state.lensIndex);
    this.ask('question', question, question);
  }

  private advanceLens(domain: DomainContent): void {
    this.state.lensIndex += 1;
    this.state.probeParentId = undefined;
    if (this.state.lensIndex < LENSES.length) return this.askQuestion(domain);
    return this.finishDomain(domain);
  }

  private finishDomain(domain: DomainContent): void {
    if (!this.state.domainsDone.includes(domain.id)) this.state.domainsDone.push(domain.id);
    const heard = this.state.sessionThemes[domain.id] ?? [];
    // Only offer what the platform can deliver: without a card there is nothing to send.
    const match = this.capabilities.cards ? this.engine.matchPartner(domain.id, heard, this.who.locale, this.state.offeredPartners) : null;
    if (match) {
      const partner = match.partner;
      this.state.offeredPartners.push(partner.id);
      this.state.pendingPartnerId = partner.id;
      this.state.pendingPartnerTheme = match.theme;
      this.state.phase = 'partner-offer';
      this.saveResume(null);
      const c = this.common.partner.offer;
      return this.ask('partner-offer', this.fill(this.pick('partnerOffer', c.prompt), { partner: partner.name }), this.fill(c.reprompt, { partner: partner.name }));
    }
    return this.afterDomain(domain);
  }

  private afterDomain(domain: DomainContent, alreadyMarked = false): void {
    if (!alreadyMarked && !this.state.domainsDone.includes(domain.id)) this.state.domainsDone.push(domain.id);
    this.state.phase = 'next-domain';
    this.saveResume(null);
    if (this.remainingDomains().length === 0) {
      this.say(this.common.allDomainsDone);
      return this.goodbye();
    }
    const c = this.common.nextDomain;
    this.ask('next-domain', this.fill(this.pick('nextDomain', c.prompt), { domain: domain.name }), this.fill(c.reprompt));
  }

  private acknowledge(domain: DomainContent, theme: string): void {
    if (theme === 'other') {
      this.say(this.pick('ackOther', this.common.acknowledge.other));
      return;
    }
    // Reflect the theme in plain words, never the customer's own (possibly sensitive) phrasing.
    this.say(this.fill(this.pick('ackTheme', this.common.acknowledge.theme), { theme: this.engine.themeLabel(domain.id, theme) }));
  }

  private recordAnswer(domain: DomainContent, lens: Lens, questionId: string, parentAnswerId: string | null, text: string): AnswerEffect {
    const classification = this.engine.classify(domain.id, text);
    const answer: AnswerEffect = {
      kind: 'answer',
      id: this.engine.id(),
      domain: domain.id,
      lens,
      questionId,
      parentAnswerId,
      text,
      themes: classification.themes,
      sentiment: classification.sentiment,
    };
    this.effects.push(answer);
    const top = classification.themes[0]?.id;
    if (top && top !== 'other') {
      const heard = (this.state.sessionThemes[domain.id] ??= []);
      if (!heard.includes(top)) heard.push(top);
    }
    return answer;
  }

  private probeFor(domain: DomainContent, lens: Lens, theme: string): string {
    const byTheme = domain.probes.byTheme?.[theme];
    if (byTheme) return this.pick(`probe:${domain.id}.${theme}`, byTheme);
    const byLens = domain.probes.byLens?.[lens];
    if (byLens) return this.pick(`probe:${domain.id}.${lens}`, byLens);
    return this.pick(`probe:${domain.id}`, domain.probes.default);
  }

  private help(): void {
    this.state.misunderstandings = 0;
    const phase = this.state.phase;
    const key = phase === 'start' || phase === 'ended' ? 'choose-domain' : phase;
    this.say(this.common.help[key]);
    this.repeatCurrent('help');
  }

  /** Re-asks whatever is pending, so help, summaries and cancelled detours always end in a question. */
  private repeatCurrent(kind: ReplyKind): void {
    const pending = this.state.lastReprompt;
    if (this.state.phase === 'confirm-delete') {
      const c = this.common.deleteConfirm;
      this.ask(kind, this.pick('deleteConfirm', c.prompt), c.reprompt);
    } else if (pending && this.state.phase !== 'start') {
      this.ask(kind, pending, pending);
    } else {
      this.askDomain();
    }
    this.kind = kind;
  }

  private misunderstood(hint?: string): void {
    this.state.misunderstandings += 1;
    if (this.state.misunderstandings >= MAX_MISUNDERSTANDINGS) {
      this.say(this.common.tooManyMisunderstandings);
      this.kind = 'goodbye';
      this.state.phase = 'ended';
      this.end = true;
      return;
    }
    this.say(hint ?? this.pick('misunderstood', this.common.misunderstood));
    const reprompt = this.state.lastReprompt ?? this.fill(this.common.chooseDomain.reprompt);
    this.ask('clarify', reprompt, reprompt);
  }

  private goodbye(): void {
    this.say(...this.state.closingNotes);
    this.say(this.pick('goodbye', this.common.goodbye));
    this.kind = 'goodbye';
    this.state.phase = 'ended';
    this.end = true;
  }

  private crisis(): void {
    // Nothing from this turn is stored or routed: the customer needs help, not a partner offer.
    this.say(this.common.crisis.response);
    this.kind = 'crisis';
    this.state.phase = 'ended';
    this.end = true;
  }

  private summary(): string {
    const parts: string[] = [];
    const stored = this.state.storedThemes;
    for (const domain of this.content.domains) {
      const themes = [...(stored[domain.id] ?? [])];
      for (const t of this.state.sessionThemes[domain.id] ?? []) if (!themes.includes(t)) themes.push(t);
      if (themes.length === 0) continue;
      const labels = themes.slice(0, 3).map((t) => this.engine.themeLabel(domain.id, t));
      parts.push(`${domain.name}: ${this.list(labels, this.common.words.and)}`);
    }
    this.kind = 'summary';
    if (parts.length === 0) return this.common.summary.none;
    return `${this.fill(this.common.summary.some, { summary: parts.join('; ') })} ${this.common.summary.noteOnText}`;
  }

  // ---- helpers ----------------------------------------------------------------------------

  private isCrisis(action: CustomerAction, utterance: string | undefined): boolean {
    const texts = [utterance, 'text' in action ? action.text : undefined].filter((t): t is string => Boolean(t));
    if (texts.length === 0) return false;
    const patterns = crisisPatterns(this.content);
    return texts.some((text) => patterns.some((p) => p.test(text)));
  }

  /**
   * Records where a returning customer should pick up: the lens about to be asked, or null once
   * the domain is finished. Saved as the interview moves, so an abrupt end loses nothing.
   */
  private saveResume(lensIndex: number | null): void {
    const domain = this.state.domain;
    const point = domain !== undefined && lensIndex !== null && lensIndex < LENSES.length ? { domain, lensIndex } : null;
    this.effects.push({ kind: 'resume', resume: point, domainsDone: [...this.state.domainsDone] });
  }

  private ask(kind: ReplyKind, prompt: string, reprompt: string): void {
    this.say(prompt);
    this.reprompt = reprompt;
    this.state.lastReprompt = reprompt;
    this.kind = kind;
  }

  private say(...parts: string[]): void {
    for (const p of parts) if (p.trim() !== '') this.spoken.push(p.trim());
  }

  private currentLens(): Lens {
    return LENSES[Math.min(this.state.lensIndex, LENSES.length - 1)] ?? 'dream';
  }

  private currentDomain(): DomainContent {
    const found = this.state.domain ? this.content.domains.find((d) => d.id === this.state.domain) : undefined;
    // State from an older content version may name a removed domain; fall back rather than fail.
    return found ?? (this.content.domains[0] as DomainContent);
  }

  private findDomain(value: string): DomainContent | undefined {
    const wanted = normalise(value);
    return (
      this.content.domains.find((d) => d.id === wanted || normalise(d.name) === wanted) ??
      this.content.domains.find((d) => d.synonyms.some((s) => normalise(s) === wanted))
    );
  }

  /** A domain named by slot or found as a whole word in free text ("i guess food then"). */
  private domainFrom(action: CustomerAction): DomainContent | undefined {
    if ((action.type === 'choose-domain' || action.type === 'change-domain') && action.domain) {
      const found = this.findDomain(action.domain);
      if (found) return found;
    }
    const text = 'text' in action && action.text ? ` ${normalise(action.text)} ` : undefined;
    if (!text) return undefined;
    let best: { domain: DomainContent; length: number } | undefined;
    for (const domain of this.content.domains) {
      for (const word of [domain.id, domain.name, ...domain.synonyms]) {
        const w = normalise(word);
        if (text.includes(` ${w} `) && (!best || w.length > best.length)) best = { domain, length: w.length };
      }
    }
    return best?.domain;
  }

  private remainingDomains(): DomainContent[] {
    return this.content.domains.filter((d) => !this.state.domainsDone.includes(d.id));
  }

  private fill(template: string, values: Record<string, string> = {}): string {
    const remaining = this.remainingDomains();
    const choices = this.list((remaining.length > 0 ? remaining : this.content.domains).map((d) => d.name), this.common.words.or);
    const all: Record<string, string> = { choices, ...values };
    return template.replace(/\{(\w+)\}/g, (whole, key: string) => all[key] ?? whole);
  }

  private list(items: string[], conjunction: string): string {
    if (items.length <= 1) return items.join('');
    return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
  }

  /**
   * Picks a phrasing not yet used in this session. The choice is a hash of session and turn, so
   * a conversation replays identically (tests, both platforms) while sessions still vary.
   */
  private pick(key: string, variants: readonly string[]): string {
    const ids = variants.map((_, i) => `${key}#${i}`);
    let unused = ids.filter((id) => !this.state.usedVariants.includes(id));
    if (unused.length === 0) {
      this.state.usedVariants = this.state.usedVariants.filter((id) => !ids.includes(id));
      unused = ids;
    }
    const digest = createHash('sha1').update(`${this.who.sessionId}|${this.state.turn}|${key}`).digest();
    const chosen = unused[digest.readUInt32BE(0) % unused.length] as string;
    this.state.usedVariants.push(chosen);
    return variants[ids.indexOf(chosen)] as string;
  }
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

/** A question is identified by its domain and lens; the wording variant is not part of it. */
function questionId(domain: DomainContent, lens: Lens): string {
  return `${domain.id}.${lens}`;
}

function answerText(action: CustomerAction): string | undefined {
  const text = 'text' in action ? action.text?.trim() : undefined;
  if (text) return text;
  if (action.type === 'yes') return 'yes';
  if (action.type === 'no') return 'no';
  return undefined;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
