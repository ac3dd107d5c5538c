import type { ThemeScore } from '../classifier/classifier.types';

export type Platform = 'alexa' | 'dialogflow' | 'terminal';
export type Lens = 'dream' | 'fear' | 'frustration';
export const LENSES: readonly Lens[] = ['dream', 'fear', 'frustration'];

/**
 * What the customer's device can do, so the engine only offers what the platform can deliver
 * (no "I've sent you their details" on a phone call that cannot show a card).
 */
export interface Capabilities {
  /** A card or link the customer can look at later (Alexa app, Messenger, terminal). */
  cards: boolean;
  /** Asking for the customer's contact details with the platform's own consent flow (Alexa). */
  contactPermission: boolean;
}

export const DEFAULT_CAPABILITIES: Capabilities = { cards: true, contactPermission: false };

/** Who is speaking. `userId` is already pseudonymous (see respondent-id.ts): raw platform ids stop at the adapter. */
export interface Who {
  userId: string;
  sessionId: string;
  platform: Platform;
  locale: string;
  capabilities?: Capabilities;
}

/**
 * What the customer did, as the adapter understood it. Adapters map platform intents onto these;
 * `answer` carries the verbatim free-speech text, `unknown` anything the platform could not place.
 */
export type CustomerAction =
  | { type: 'launch' }
  | { type: 'choose-domain'; domain?: string; text?: string }
  | { type: 'answer'; text: string }
  | { type: 'help' }
  | { type: 'skip' }
  | { type: 'repeat' }
  | { type: 'start-over' }
  | { type: 'change-domain'; domain?: string }
  | { type: 'resume' }
  | { type: 'yes' }
  | { type: 'no' }
  | { type: 'stop' }
  | { type: 'delete-data' }
  | { type: 'what-do-you-know' }
  /** "Who are they?", "tell me more": what the partner on offer does. */
  | { type: 'ask-about-partner' }
  | { type: 'unknown'; text?: string }
  /** The platform closed the session (timeout, user left, error). Nothing is spoken. */
  | { type: 'session-ended'; reason?: string };

export type Phase =
  | 'start'
  | 'choose-domain'
  | 'resume-offer'
  | 'question'
  | 'probe'
  | 'partner-offer'
  | 'partner-share'
  | 'next-domain'
  | 'confirm-delete'
  | 'ended';

/**
 * What the engine last asked, as a reference it renders again on demand (repeat, help, reprompts,
 * the return from a side trip) in the customer's locale. State carries ids, never sentences: it
 * stays small, holds no wording that could go stale after a content change, and a reply is always
 * spoken from the current content. `variant` is the index of the phrasing chosen when it was asked.
 */
export type PromptRef =
  | { key: 'choose-domain'; variant: number }
  /** "Which one?" after a yes to another area. */
  | { key: 'which-domain'; variant: number }
  | { key: 'next-domain'; domain: string; variant: number }
  /** An area whose questions were all answered was picked again: say so and ask for another. */
  | { key: 'domain-covered'; domain: string; variant: number }
  /** "Carry on" once an area is finished: the next open area is proposed. */
  | { key: 'offer-domain'; domain: string; variant: number }
  | { key: 'resume-offer'; domain: string; variant: number }
  | { key: 'question'; domain: string; lens: Lens; variant: number }
  /** A follow-up chosen by the answer's theme, else by lens, else the domain's default (neither set). */
  | { key: 'probe'; domain: string; theme?: string; lens?: Lens; variant: number }
  | { key: 'partner-offer'; partnerId: string; variant: number }
  | { key: 'partner-share'; partnerId: string; variant: number }
  | { key: 'confirm-delete'; variant: number };

/** Something to say in closing, by id: a reminder that a partner's details were sent. */
export interface ClosingNote {
  id: 'partner.closingNote';
  partnerId: string;
}

/**
 * How the interview is going, counted over the session for the interview-quality measures the
 * service stores. Totals, unlike `misunderstandings` in the state, which counts those in a row.
 */
export interface SessionQuality {
  /** Replies that carried nothing (see src/listening/): "dunno", "pass", "play some music". */
  nonAnswers: number;
  /** Turns the interview did not understand. */
  misunderstandings: number;
}

/** Serialisable conversation state; adapters carry it between turns (session attributes, output context). */
export interface ConversationState {
  version: 2;
  phase: Phase;
  /** Phase to return to after a side trip (delete confirmation, help). */
  returnPhase?: Phase;
  /** The prompt pending before the side trip, re-asked when the customer comes back. */
  returnPrompt?: PromptRef;
  domain?: string;
  lensIndex: number;
  /** Answer id of the main answer the pending probe follows up. */
  probeParentId?: string;
  /** The prompt pending now, for "repeat", help and reprompts. */
  pendingPrompt?: PromptRef;
  /** Variant ids used this session, so wording is not repeated. */
  usedVariants: string[];
  domainsDone: string[];
  misunderstandings: number;
  /** Non-answers in a row to the question pending now: the first is asked again in other words, the second moves on. */
  nonAnswersInRow: number;
  quality: SessionQuality;
  turn: number;
  /**
   * Lenses answered per domain (a skipped question is not answered), so coming back to an area
   * asks only what is still open. Seeded from a returning customer's resume point.
   */
  answeredLenses: Record<string, Lens[]>;
  /** Themes heard this session per domain, for acknowledgement and "what do you know about me". */
  sessionThemes: Record<string, string[]>;
  offeredPartners: string[];
  pendingPartnerId?: string;
  /** The theme the pending partner was matched on, recorded with its hand-off. */
  pendingPartnerTheme?: string;
  /** Things to say in closing, e.g. that a partner's details were sent. */
  closingNotes: ClosingNote[];
  returning: boolean;
  /** Themes stored in earlier sessions, loaded once, for "what do you know about me" at any turn. */
  storedThemes: Record<string, string[]>;
  /** Where a returning customer stopped, while they decide whether to carry on. */
  resumeOffer?: ResumePoint;
}

/** A partner card or link the platform can show (an Alexa card, a Messenger rich-content card). */
export interface Card {
  title: string;
  text: string;
  url?: string;
}

export interface AnswerEffect {
  kind: 'answer';
  id: string;
  domain: string;
  lens: Lens;
  questionId: string;
  parentAnswerId: string | null;
  /** Verbatim text as heard; the service redacts it before it reaches the store. */
  text: string;
  themes: ThemeScore[];
  sentiment: number;
}

export interface ConsentEffect {
  kind: 'consent';
  /** What was agreed to, e.g. `partner-card:<partnerId>` or `partner-lead:<partnerId>`. */
  subject: string;
  granted: boolean;
}

export interface HandoffEffect {
  kind: 'handoff';
  /** Made by the engine's id source, like answer ids, so one injected source makes every id. */
  id: string;
  partnerId: string;
  domain: string;
  theme: string;
  /** `card` sends details to the customer; `lead` passes contact details to the partner (needs consent and permission). */
  mode: 'card' | 'lead';
}

export interface EraseEffect {
  kind: 'erase';
}

/** Where a returning customer stopped, so the next session can offer to continue. */
export interface ResumePoint {
  domain: string;
  lensIndex: number;
}

export interface ResumeEffect {
  kind: 'resume';
  resume: ResumePoint | null;
  domainsDone: string[];
}

export type Effect = AnswerEffect | ConsentEffect | HandoffEffect | EraseEffect | ResumeEffect;

/** What the engine knows about a returning respondent, loaded by the service before a session starts. */
export interface RespondentProfile {
  known: boolean;
  resume: ResumePoint | null;
  domainsDone: string[];
  /** Stored themes per domain, most frequent first (never raw text). */
  themes: Record<string, string[]>;
}

export interface TurnInput {
  who: Who;
  action: CustomerAction;
  /** Everything the customer said this turn, when the platform reports it (crisis language can hide in "help ..."). */
  utterance?: string;
  state: ConversationState | null;
  /** Present on the first turn of a session (the service loads it); later turns rely on state. */
  profile?: RespondentProfile;
}

/** What kind of reply this is, so transcripts can assert the flow without matching exact words. */
export type ReplyKind =
  | 'welcome'
  | 'resume-offer'
  | 'domain-prompt'
  | 'clarify'
  | 'question'
  /** An answer that carried nothing, answered gently and asked again in other words. */
  | 'non-answer'
  | 'probe'
  | 'help'
  | 'repeat'
  | 'partner-offer'
  | 'next-domain'
  | 'confirm-delete'
  | 'deleted'
  | 'summary'
  | 'goodbye'
  | 'crisis'
  | 'silent';

export interface TurnOutput {
  kind: ReplyKind;
  speech: string;
  /** Always set while the session stays open: no dead ends. */
  reprompt?: string;
  /** A question is open: the next thing said is free speech (adapters open their answer capture). */
  awaitingAnswer: boolean;
  endSession: boolean;
  card?: Card;
  /** The platform should ask for contact permissions (Alexa consent card). */
  askPermission?: 'email' | 'phone';
  state: ConversationState;
  effects: Effect[];
}
