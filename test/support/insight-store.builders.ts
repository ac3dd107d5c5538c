import type { Lens } from '../../src/interview/interview.types';
import type { AnswerRecord, TurnWrite } from '../../src/persistence/insight-records.port';

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
}

export function answer(respondentId: string, sessionId: string, spec: AnswerSpec): AnswerRecord {
  const theme = spec.theme ?? 'savings';
  const text = spec.text === undefined ? `answer ${spec.id} about ${theme}` : spec.text;
  return {
    id: spec.id,
    respondentId,
    sessionId,
    platform: 'alexa',
    locale: 'en-GB',
    domain: spec.domain ?? 'money',
    lens: spec.lens ?? 'dream',
    questionId: `${spec.domain ?? 'money'}.${spec.lens ?? 'dream'}.q1`,
    parentAnswerId: spec.parentAnswerId ?? null,
    text,
    themes: [
      { id: theme, score: 0.75 },
      { id: 'other', score: 0.25 },
    ],
    topTheme: theme,
    sentiment: 0.5,
    wordCount: text === null ? 0 : text.split(/\s+/).length,
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
      endedAt: null,
    },
    answers: (spec.answers ?? []).map((a) => answer(spec.respondentId, sessionId, { minutes, ...a })),
    consents: [],
    handoffs: [],
    ...(spec.resume === undefined ? {} : { resume: spec.resume }),
  };
}
