import {
  countThemesStatement,
  exportPageStatement,
  purgeTextStatement,
  sessionQualityPageStatement,
} from '../../../../src/persistence/sql/insight.statements';
import {
  cursorAfter,
  rowToAnswer,
  rowToErasure,
  rowToRespondent,
  rowToSessionQuality,
  rowToThemeCount,
  sessionCursorAfter,
  type AnswerRow,
  type SessionQualityRow,
} from '../../../../src/persistence/sql/insight-row.mappers';

/** Placeholders used in the SQL text, in order of first appearance. */
function placeholders(sql: string): number[] {
  return [...new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))];
}

describe('insight statements', () => {
  test('an export page numbers filter, cursor and limit parameters in one sequence', () => {
    const { sql, params } = exportPageStatement(
      { since: new Date('2030-01-01T00:00:00.000Z'), domain: 'money', theme: 'debt' },
      { at: '2030-01-02 10:00:00.123456+00', id: 'a7' },
      25,
    );
    expect(params).toEqual(['2030-01-01T00:00:00.000Z', 'money', 'debt', '2030-01-02 10:00:00.123456+00', 'a7', 25]);
    expect(placeholders(sql)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sql).toMatch(/\(created_at, id\) > \(\$4::timestamptz, \$5\)/);
    expect(sql).toMatch(/LIMIT \$6/);
  });

  test('the first export page has no cursor condition, and no filter means no WHERE', () => {
    const { sql, params } = exportPageStatement({}, undefined, 500);
    expect(params).toEqual([500]);
    expect(sql).not.toMatch(/WHERE/);
    expect(sql).toMatch(/LIMIT \$1/);
  });

  test('theme counts filter on the top theme within a half-open time window', () => {
    const { sql, params } = countThemesStatement({
      since: new Date('2030-01-01T00:00:00.000Z'),
      until: new Date('2030-02-01T00:00:00.000Z'),
      lens: 'fear',
      theme: 'debt',
    });
    expect(params).toEqual(['2030-01-01T00:00:00.000Z', '2030-02-01T00:00:00.000Z', 'fear', 'debt']);
    expect(sql).toMatch(/created_at >= \$1::timestamptz AND created_at < \$2::timestamptz AND lens = \$3 AND top_theme = \$4/);
    expect(countThemesStatement({}).sql).not.toMatch(/WHERE/);
  });

  test('a session-summary page numbers window, cursor and limit parameters in one sequence', () => {
    const { sql, params } = sessionQualityPageStatement(
      { since: new Date('2030-01-01T00:00:00.000Z'), until: new Date('2030-02-01T00:00:00.000Z') },
      { at: '2030-01-02 10:00:00.123456+00', id: 's7' },
      50,
    );
    expect(params).toEqual(['2030-01-01T00:00:00.000Z', '2030-02-01T00:00:00.000Z', '2030-01-02 10:00:00.123456+00', 's7', 50]);
    expect(placeholders(sql)).toEqual([1, 2, 3, 4, 5]);
    expect(sql).toMatch(/started_at >= \$1::timestamptz AND started_at < \$2::timestamptz AND \(started_at, id\) > \(\$3::timestamptz, \$4\)/);
    expect(sql).toMatch(/LIMIT \$5/);
    expect(sessionQualityPageStatement({}, undefined, 10).params).toEqual([10]);
  });

  test('the purge sends the cut-off as an ISO instant', () => {
    expect(purgeTextStatement(new Date(Date.UTC(2030, 0, 15, 10))).params).toEqual(['2030-01-15T10:00:00.000Z']);
  });
});

describe('insight row mappers', () => {
  const row: AnswerRow = {
    id: 'a1',
    respondent_id: 'r1',
    session_id: 's1',
    platform: 'alexa',
    locale: 'en-GB',
    domain: 'money',
    lens: 'fear',
    question_id: 'money.fear.q1',
    parent_answer_id: null,
    text: null,
    themes: [{ id: 'debt', score: 1 }],
    top_theme: 'debt',
    sentiment: '-0.25',
    word_count: '7',
    bits: '61.73',
    redactions: ['PHONE'],
    created_at: '2030-01-15T10:00:00.000Z',
    cursor_at: '2030-01-15 10:00:00.000001+00',
  };

  test('numbers and dates that a driver returns as text come back typed', () => {
    const answer = rowToAnswer(row);
    expect(answer).toMatchObject({ sentiment: -0.25, wordCount: 7, bits: 61.73, isProbe: false, text: null, lens: 'fear', redactions: ['PHONE'] });
    expect(rowToAnswer({ ...row, bits: null, parent_answer_id: 'a0' })).toMatchObject({ bits: null, isProbe: true });
    expect(answer.createdAt).toEqual(new Date('2030-01-15T10:00:00.000Z'));
    expect(rowToThemeCount({ domain: 'money', lens: 'fear', theme: 'debt', answers: '12', respondents: '3' })).toEqual({
      domain: 'money',
      lens: 'fear',
      theme: 'debt',
      answers: 12,
      respondents: 3,
    });
  });

  test('the export cursor keeps the database’s microseconds, which a Date would lose', () => {
    expect(cursorAfter(row)).toEqual({ at: '2030-01-15 10:00:00.000001+00', id: 'a1' });
  });

  test('a session-summary row with bigint and numeric text becomes a typed summary', () => {
    const sessionRow: SessionQualityRow = {
      id: 's1',
      platform: 'dialogflow',
      locale: 'en-US',
      started_at: '2030-01-15T10:00:00.000Z',
      ended_at: null,
      last_phase: 'question',
      ended_reason: null,
      non_answers: 1,
      misunderstandings: '0',
      questions_asked: [['money', 'dream'], ['money', 'fear']],
      cursor_at: '2030-01-15 10:00:00.000001+00',
      answers: '2',
      words: '11',
      bits_sum: '100.10',
      bits_answers: '2',
      probes_answered: '1',
      answered: [['money', 'dream']],
      more_words: '1',
      new_theme: '0',
      probes_asked: '1',
    };
    expect(rowToSessionQuality(sessionRow)).toEqual({
      sessionId: 's1',
      platform: 'dialogflow',
      locale: 'en-US',
      startedAt: new Date('2030-01-15T10:00:00.000Z'),
      endedAt: null,
      endedReason: null,
      lastPhase: 'question',
      answers: 2,
      probesAsked: 1,
      probesAnswered: 1,
      probesYieldingMoreWords: 1,
      probesYieldingNewTheme: 0,
      wordsPerAnswer: 5.5,
      bitsPerAnswer: 50.05,
      totalBits: 100.1,
      nonAnswers: 1,
      misunderstandings: 0,
      domains: [{ domain: 'money', asked: 2, answered: 1, completed: false }],
      domainsCompleted: 0,
    });
    expect(sessionCursorAfter(sessionRow)).toEqual({ at: '2030-01-15 10:00:00.000001+00', id: 's1' });
  });

  test('respondent themes are grouped per domain in the order the query ranked them', () => {
    const snapshot = rowToRespondent('r1', {
      first_seen_at: new Date('2030-01-01T00:00:00.000Z'),
      resume: null,
      domains_done: ['food'],
      themes: [
        ['food', 'cost'],
        ['money', 'debt'],
        ['money', 'savings'],
      ],
    });
    expect(snapshot).toEqual({
      respondentId: 'r1',
      firstSeenAt: new Date('2030-01-01T00:00:00.000Z'),
      resume: null,
      domainsDone: ['food'],
      themes: { food: ['cost'], money: ['debt', 'savings'] },
    });
  });

  test('erasure counts arrive as bigint text and a missing row means nothing was erased', () => {
    expect(rowToErasure({ answers: '3', sessions: '2', consents: 0, handoffs: '1' })).toEqual({
      answers: 3,
      sessions: 2,
      consents: 0,
      handoffs: 1,
    });
    expect(rowToErasure(undefined)).toEqual({ answers: 0, sessions: 0, consents: 0, handoffs: 0 });
  });
});
