-- Initial schema. Applied once per database (or schema) and recorded in schema_migrations;
-- never edit this file after it has shipped: add 002_*.sql instead (the runner refuses a changed file).

-- Ids are compared byte-wise (COLLATE "C") so keyset pagination and every adapter, including the
-- in-memory one, agree on the same order whatever the database locale is.
CREATE TABLE respondents (
  id            text COLLATE "C" PRIMARY KEY,  -- pseudonymous id, never a raw platform id
  first_seen_at timestamptz NOT NULL,
  resume        jsonb,                         -- NULL: nothing to resume
  domains_done  jsonb NOT NULL DEFAULT '[]'::jsonb
);

CREATE TABLE sessions (
  id            text COLLATE "C" PRIMARY KEY,
  respondent_id text COLLATE "C" NOT NULL REFERENCES respondents (id) ON DELETE CASCADE,
  platform      text NOT NULL,
  locale        text NOT NULL,
  started_at    timestamptz NOT NULL,
  last_turn_at  timestamptz NOT NULL,
  ended_at      timestamptz
);
CREATE INDEX sessions_respondent_idx ON sessions (respondent_id);

-- session_id and parent_answer_id carry no foreign key on purpose: every answer already cascades
-- from its respondent, and each extra key would cost an index (and a lookup) on the hottest table.
CREATE TABLE answers (
  id               text COLLATE "C" PRIMARY KEY,
  respondent_id    text COLLATE "C" NOT NULL REFERENCES respondents (id) ON DELETE CASCADE,
  session_id       text COLLATE "C" NOT NULL,
  platform         text NOT NULL,
  locale           text NOT NULL,
  domain           text COLLATE "C" NOT NULL,
  lens             text COLLATE "C" NOT NULL CHECK (lens IN ('dream', 'fear', 'frustration')),
  question_id      text NOT NULL,
  parent_answer_id text COLLATE "C",
  text             text,                        -- redacted; NULL once retention purged it
  themes           jsonb NOT NULL,
  top_theme        text COLLATE "C" NOT NULL,
  sentiment        double precision NOT NULL,
  word_count       integer NOT NULL,
  redactions       jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at       timestamptz NOT NULL
);
CREATE INDEX answers_respondent_idx ON answers (respondent_id);
-- Export order, keyset pagination and the retention purge.
CREATE INDEX answers_created_idx ON answers (created_at, id);
-- Review counts (domain × lens × theme, optionally in a time window): carrying respondent_id lets
-- the distinct-respondent count be answered from the index alone once the table is vacuumed.
CREATE INDEX answers_review_idx ON answers (domain, lens, top_theme, created_at) INCLUDE (respondent_id);

-- An append-only log: a withdrawal is a new row with granted = false, which also stamps
-- withdrawn_at on the earlier grants of the same subject.
CREATE TABLE consents (
  respondent_id text COLLATE "C" NOT NULL REFERENCES respondents (id) ON DELETE CASCADE,
  subject       text NOT NULL,
  granted       boolean NOT NULL,
  at            timestamptz NOT NULL,
  withdrawn_at  timestamptz,
  PRIMARY KEY (respondent_id, subject, at)
);

CREATE TABLE handoffs (
  id            text COLLATE "C" PRIMARY KEY,
  respondent_id text COLLATE "C" NOT NULL REFERENCES respondents (id) ON DELETE CASCADE,
  session_id    text COLLATE "C" NOT NULL,
  partner_id    text NOT NULL,
  domain        text NOT NULL,
  theme         text NOT NULL,
  mode          text NOT NULL CHECK (mode IN ('card', 'lead')),
  status        text NOT NULL CHECK (status IN ('pending', 'delivered')),
  created_at    timestamptz NOT NULL
);
CREATE INDEX handoffs_respondent_idx ON handoffs (respondent_id);
CREATE INDEX handoffs_status_idx ON handoffs (status, created_at);
