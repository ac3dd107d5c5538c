import type { Lens } from '../../src/interview/interview.types';
import type { AnswerRecord, SessionProgress, TurnWrite } from '../../src/persistence/insight-records.port';

/** Small builders for store tests and the crash-test child, so records stay valid and readable. */

export const T0 = new Date('2030-01-15T10:00:00.000Z');

export function at(minutes: number): Date {
  return new Date(T0.getTime() + minutes * 60_000);
}

export interface AnswerSpec {
  id: string;
  domain?: string;
  lens?: Lens;
  theme?: string;
  minutes?: number;
  text?: string | null;
  parentAnswerId?: string | null;
  /** Defaults to the text's word count. */
  wordCount?: number;
  /** Defaults to a value derived from the word count, so each answer's bits differ. */
  bits?: number | null;
  /** Further themes after the top one (default: `other`). */
  alsoThemes?: string[];
}

export function answer(respondentId: string, sessionId: string, spec: AnswerSpec): AnswerRecord {
  const theme = spec.theme ?? 'savings';
  const text = spec.text === undefined ? `answer ${spec.id} about ${theme}` : spec.text;
  const wordCount = spec.wordCount ?? (text === null ? 0 : text.split(/\s+/).length);
  const parentAnswerId = spec.parentAnswerId ?? null;
  return {
    id: spec.id,
    respondentId,
    sessionId,
    platform: 'alexa',
    locale: 'en-GB',
    domain: spec.domain ?? 'money',
    lens: spec.lens ?? 'dream',
    questionId: `${spec.domain ?? 'money'}.${spec.lens ?? 'dream'}.q1`,
    parentAnswerId,
    isProbe: parentAnswerId !== null,
    text,
    themes: [{ id: theme, score: 0.75 }, ...(spec.alsoThemes ?? ['other']).map((id) => ({ id, score: 0.25 }))],
    topTheme: theme,
    sentiment: 0.5,
    wordCount,
    bits: spec.bits === undefined ? Math.round(wordCount * 1234.567) / 100 : spec.bits,
    redactions: [],
    createdAt: at(spec.minutes ?? 0),
  };
}

export interface TurnSpec {
  respondentId: string;
  sessionId?: string;
  minutes?: number;
  answers?: AnswerSpec[];
  resume?: TurnWrite['resume'];
  /** Session measures; omitted from the write when not given. Missing fields are zero or empty. */
  progress?: Partial<SessionProgress>;
  ended?: boolean;
}

export function turn(spec: TurnSpec): TurnWrite {
  const sessionId = spec.sessionId ?? `${spec.respondentId}-s1`;
  const minutes = spec.minutes ?? 0;
  return {
    respondentId: spec.respondentId,
    session: {
      id: sessionId,
      respondentId: spec.respondentId,
      platform: 'alexa',
      locale: 'en-GB',
      startedAt: at(minutes),
      lastTurnAt: at(minutes),
      endedAt: spec.ended === true ? at(minutes) : null,
    },
    answers: (spec.answers ?? []).map((a) => answer(spec.respondentId, sessionId, { minutes, ...a })),
    consents: [],
    handoffs: [],
    ...(spec.resume === undefined ? {} : { resume: spec.resume }),
    ...(spec.progress === undefined ? {} : { progress: progress(spec.progress) }),
  };
}

export function progress(spec: Partial<SessionProgress> = {}): SessionProgress {
  return {
    lastPhase: null,
    endedReason: null,
    nonAnswers: 0,
    misunderstandings: 0,
    questionsAsked: [],
    probesAsked: [],
    ...spec,
  };
}
