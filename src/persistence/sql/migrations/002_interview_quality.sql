-- Interview-quality measures (issue #9). Never edit after it has shipped: add 003_*.sql instead.

-- NULL for answers stored before informativeness was measured: unknown, not zero.
ALTER TABLE answers ADD COLUMN bits double precision;

-- The session's measures as of its latest turn. Sessions from before this migration keep the
-- defaults, which read as "nothing measured" (no phase, no reason, nothing asked).
ALTER TABLE sessions
  ADD COLUMN last_phase        text,
  ADD COLUMN ended_reason      text CHECK (ended_reason IN ('finished', 'stopped', 'platform', 'misunderstood', 'other')),
  ADD COLUMN non_answers       integer NOT NULL DEFAULT 0,
  ADD COLUMN misunderstandings integer NOT NULL DEFAULT 0,
  ADD COLUMN questions_asked   jsonb NOT NULL DEFAULT '[]'::jsonb,  -- [[domain, lens], ...], a set
  ADD COLUMN probes_asked      jsonb NOT NULL DEFAULT '[]'::jsonb;  -- [main answer id, ...], a set

-- The per-session summary reads sessions in start order (keyset pagination) and, for each, its
-- answers: without this index every page of the summary would scan the whole answers table.
-- It costs one index entry per answer written, the price of a summary that scales.
CREATE INDEX answers_session_idx ON answers (session_id);
CREATE INDEX sessions_started_idx ON sessions (started_at, id);
