-- eventlens storage schema (DESIGN.md §5). Read by eventlens.store.duckdb.Store when a database opens;
-- every statement is idempotent so opening an existing database changes nothing.
--
-- Layout:
--   meta      key/value facts about the database; `schema_version` lets later releases migrate old files.
--   articles  one row per article (model.Article); `id` is the hash of the normalised text, so re-ingesting
--             the same report is recognised and skipped.
--   mentions  one row per event mention (model.EventMention), flattened: When → date/date_precision,
--             Place → location_*; Claim.stance → stance. `story` is filled in later by fusion.
--   entities  the participants of a mention, one row each, ordered by `position` within a role:
--               role 'actor'     → EventMention.actor[position]
--               role 'recipient' → EventMention.recipient[position]
--               role 'claimant'  → Claim.claimant (position 0; absent when the outlet itself states it).
--
-- Claims have no table of their own: a claim is the claimant entity row plus mentions.stance. A mention
-- has at most one claim, so a separate table would only add a join; filtering by claimant is a lookup on
-- entities(role = 'claimant', country).

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS articles (
    id          VARCHAR PRIMARY KEY,
    source_id   VARCHAR,
    path        VARCHAR,
    outlet      VARCHAR,
    url         VARCHAR,
    published   DATE,
    title       VARCHAR,
    language    VARCHAR,
    text        VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS mentions (
    id               VARCHAR PRIMARY KEY,
    article_id       VARCHAR NOT NULL REFERENCES articles (id),
    sentence         VARCHAR NOT NULL,
    sentence_start   BIGINT NOT NULL,
    evidence         VARCHAR NOT NULL,
    start            BIGINT NOT NULL,
    "end"            BIGINT NOT NULL,
    trigger          VARCHAR NOT NULL,
    type             VARCHAR NOT NULL,
    mode             VARCHAR[] NOT NULL,
    context          VARCHAR[] NOT NULL,
    score            DOUBLE,
    date             VARCHAR,          -- ISO prefix: YYYY-MM-DD, YYYY-MM or YYYY
    date_precision   VARCHAR,          -- day / month / year
    location_name    VARCHAR,          -- NULL: no location (a Place always has a name)
    location_country VARCHAR,
    location_lat     DOUBLE,
    location_lon     DOUBLE,
    stance           VARCHAR NOT NULL, -- asserts / denies / reports
    modality         VARCHAR,          -- NULL / negated / hypothetical / future
    story            VARCHAR
);

CREATE TABLE IF NOT EXISTS entities (
    mention_id VARCHAR NOT NULL REFERENCES mentions (id),
    role       VARCHAR NOT NULL CHECK (role IN ('actor', 'recipient', 'claimant')),
    position   INTEGER NOT NULL,
    text       VARCHAR NOT NULL,
    country    VARCHAR,                -- ISO 3166-1 alpha-3 or a group code (OTS, EUR, NATO)
    sector     VARCHAR,
    name       VARCHAR,
    PRIMARY KEY (mention_id, role, position)
);
