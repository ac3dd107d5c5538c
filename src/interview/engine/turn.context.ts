import { createHash } from 'node:crypto';
import type { ThemeClassifier } from '../../classifier/classifier.types';
import type { LocaleContent } from '../../content/content.loader';
import type { DomainContent } from '../../content/content.schema';
import type { PartnerDirectory } from '../../partners/partner.matcher';
import {
  DEFAULT_CAPABILITIES,
  LENSES,
  type Capabilities,
  type ConversationState,
  type CustomerAction,
  type Lens,
  type PromptRef,
  type ReplyKind,
  type RespondentProfile,
  type Who,
} from '../interview.types';
import { variantId, wordingOf, type PromptRequest, type PromptWording } from './prompt.catalog';
import { ReplyBuilder } from './reply.builder';
import type { DistressDetector } from '../../safety/distress.types';

/** What the engine lends every handler for a turn: the classifier, the partners, distress detection and the id source. */
export interface TurnServices {
  classifier: ThemeClassifier;
  partners: PartnerDirectory;
  distress: DistressDetector;
  newId: () => string;
}

export interface TurnSetup {
  content: LocaleContent;
  who: Who;
  /** The turn's own copy, which handlers change in place. */
  state: ConversationState;
  action: CustomerAction;
  utterance?: string;
  profile?: RespondentProfile;
  services: TurnServices;
  firstTurn: boolean;
}

/**
 * Everything a handler needs for one turn: the state to change, the customer's words and
 * action, the content in their locale, the services, the reply being built, and the helpers that
 * turn content into speech (pick a phrasing, fill placeholders, ask a prompt by reference).
 */
export class TurnContext {
  readonly reply = new ReplyBuilder();
  readonly content: LocaleContent;
  readonly who: Who;
  readonly state: ConversationState;
  readonly action: CustomerAction;
  readonly utterance: string | undefined;
  readonly profile: RespondentProfile | undefined;
  readonly classifier: ThemeClassifier;
  readonly partners: PartnerDirectory;
  readonly distress: DistressDetector;
  /** True on a session's first turn, and again once a finished session is started afresh. */
  firstTurn: boolean;
  private readonly makeId: () => string;

  constructor(setup: TurnSetup) {
    this.content = setup.content;
    this.who = setup.who;
    this.state = setup.state;
    this.action = setup.action;
    this.utterance = setup.utterance;
    this.profile = setup.profile;
    this.classifier = setup.services.classifier;
    this.partners = setup.services.partners;
    this.distress = setup.services.distress;
    this.makeId = setup.services.newId;
    this.firstTurn = setup.firstTurn;
  }

  get common() {
    return this.content.common;
  }

  get capabilities(): Capabilities {
    return this.who.capabilities ?? DEFAULT_CAPABILITIES;
  }

  newId(): string {
    return this.makeId();
  }

  say(...parts: string[]): void {
    this.reply.say(...parts);
  }

  // ---- prompts ----------------------------------------------------------------------------

  /**
   * Asks a prompt in a phrasing not yet used this session; it becomes what repeat and reprompts
   * re-ask. `avoid` is a phrasing not to use even when every one has been used (asking again "in
   * other words" must not repeat the words just heard).
   */
  ask(kind: ReplyKind, request: PromptRequest, avoid?: number): void {
    let wording = wordingOf(request, this.content, this.partners);
    if (!wording) {
      // Only reachable when content or partners changed under a live session: asking for an area always works.
      request = { key: 'choose-domain' };
      wording = wordingOf(request, this.content, this.partners) as PromptWording;
    }
    const variant = this.pickIndex(wording.variantKey, wording.variants.length, avoid);
    const prompt = this.word(wording, wording.variants[variant] as string);
    this.say(prompt);
    this.reply.reprompt(wording.reprompt === undefined ? prompt : this.word(wording, wording.reprompt));
    this.state.pendingPrompt = { ...request, variant } as PromptRef;
    this.reply.kind(kind);
  }

  /** Says an earlier prompt's reprompt again and keeps it pending. False when it can no longer be rendered. */
  reask(kind: ReplyKind, ref: PromptRef): boolean {
    const text = this.render(ref);
    if (text === undefined) return false;
    this.say(text);
    this.reply.reprompt(text);
    this.state.pendingPrompt = ref;
    this.reply.kind(kind);
    return true;
  }

  /** The reprompt of a prompt reference, in this turn's locale and with today's choices. */
  render(ref: PromptRef | undefined): string | undefined {
    if (!ref) return undefined;
    const wording = wordingOf(ref, this.content, this.partners);
    if (!wording) return undefined;
    if (wording.reprompt !== undefined) return this.word(wording, wording.reprompt);
    return this.word(wording, wording.variants[ref.variant % wording.variants.length] as string);
  }

  private word(wording: PromptWording, template: string): string {
    return wording.values ? this.fill(template, wording.values) : template;
  }

  // ---- wording ----------------------------------------------------------------------------

  /**
   * Picks a phrasing not yet used in this session. The choice is a hash of session and turn, so
   * a conversation replays identically (tests, both platforms) while sessions still vary.
   */
  pick(key: string, variants: readonly string[]): string {
    return variants[this.pickIndex(key, variants.length)] as string;
  }

  private pickIndex(key: string, count: number, avoid?: number): number {
    const ids = Array.from({ length: count }, (_, i) => variantId(key, i));
    const allowed = count > 1 && avoid !== undefined ? ids.filter((_, i) => i !== avoid) : ids;
    let unused = allowed.filter((id) => !this.state.usedVariants.includes(id));
    if (unused.length === 0) {
      this.state.usedVariants = this.state.usedVariants.filter((id) => !ids.includes(id));
      unused = allowed;
    }
    const digest = createHash('sha1').update(`${this.who.sessionId}|${this.state.turn}|${key}`).digest();
    const chosen = unused[digest.readUInt32BE(0) % unused.length] as string;
    this.state.usedVariants.push(chosen);
    return ids.indexOf(chosen);
  }

  /** Fills `{name}` placeholders; `{choices}` is always the areas still open (all of them once every one is done). */
  fill(template: string, values: Record<string, string> = {}): string {
    const remaining = this.remainingDomains();
    const choices = this.list((remaining.length > 0 ? remaining : this.content.domains).map((d) => d.name), this.common.words.or);
    const all: Record<string, string> = { choices, ...values };
    return template.replace(/\{(\w+)\}/g, (whole, key: string) => all[key] ?? whole);
  }

  list(items: string[], conjunction: string): string {
    if (items.length <= 1) return items.join('');
    return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
  }

  // ---- where the interview is ---------------------------------------------------------------

  currentLens(): Lens {
    return LENSES[Math.min(this.state.lensIndex, LENSES.length - 1)] ?? 'dream';
  }

  currentDomain(): DomainContent {
    const found = this.state.domain ? this.content.domains.find((d) => d.id === this.state.domain) : undefined;
    // State from an older content version may name a removed domain; fall back rather than fail.
    return found ?? (this.content.domains[0] as DomainContent);
  }

  /**
   * The first lens of a domain at or after `from` that has not been answered this session (or
   * before a returning customer's resume point); undefined when every one from there is answered.
   */
  openLens(domainId: string, from = 0): number | undefined {
    const answered = this.state.answeredLenses[domainId] ?? [];
    for (let i = Math.max(from, 0); i < LENSES.length; i += 1) if (!answered.includes(LENSES[i] as Lens)) return i;
    return undefined;
  }

  remainingDomains(): DomainContent[] {
    return this.content.domains.filter((d) => !this.state.domainsDone.includes(d.id));
  }

  findDomain(value: string): DomainContent | undefined {
    const wanted = normalise(value);
    return (
      this.content.domains.find((d) => d.id === wanted || normalise(d.name) === wanted) ??
      this.content.domains.find((d) => d.synonyms.some((s) => normalise(s) === wanted))
    );
  }

  /** A domain named by slot or found as a whole word in free text ("i guess food then"). */
  domainFrom(action: CustomerAction): DomainContent | undefined {
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

  /**
   * Records where a returning customer should pick up: the lens about to be asked, or null once
   * the domain is finished. Saved as the interview moves, so an abrupt end loses nothing.
   */
  saveResume(lensIndex: number | null): void {
    const domain = this.state.domain;
    const point = domain !== undefined && lensIndex !== null && lensIndex < LENSES.length ? { domain, lensIndex } : null;
    this.reply.effect({ kind: 'resume', resume: point, domainsDone: [...this.state.domainsDone] });
  }
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
