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
    figures          VARCHAR NOT NULL DEFAULT '[]',  -- JSON list of model.Figure (killed, injured, ...)
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

-- Fusion (eventlens.fuse): one row per story, its full stories-jsonl record as JSON plus the columns that
-- filters need. Rebuilt for the blocks a new article touches; mentions.story points here.
CREATE TABLE IF NOT EXISTS stories (
    id             VARCHAR PRIMARY KEY,
    type           VARCHAR NOT NULL,
    date           VARCHAR,
    date_precision VARCHAR,
    contested      BOOLEAN NOT NULL,
    score          DOUBLE,
    actors         VARCHAR[] NOT NULL,
    recipients     VARCHAR[] NOT NULL,
    record         VARCHAR NOT NULL
);

-- Sentence embeddings of mentions, computed once (fusion compares what the sentences say).
CREATE TABLE IF NOT EXISTS mention_vectors (
    mention_id VARCHAR PRIMARY KEY,
    vector     FLOAT[] NOT NULL
);

-- The names an article mentions (eventlens.extract.names: people, organisations, places), counted; article
-- clustering weighs them by rarity. Written with the article, in its transaction.
CREATE TABLE IF NOT EXISTS article_names (
    article_id VARCHAR NOT NULL REFERENCES articles (id),
    name       VARCHAR NOT NULL,   -- normalised: lower case, no leading article or possessive
    label      VARCHAR NOT NULL,   -- spaCy entity label (PERSON, ORG, GPE, ...)
    count      INTEGER NOT NULL,
    PRIMARY KEY (article_id, name)
);

-- MinHash signatures of articles, to recognise a republished wire story in a later batch.
CREATE TABLE IF NOT EXISTS article_signatures (
    article_id   VARCHAR PRIMARY KEY,
    signature    BLOB NOT NULL,
    duplicate_of VARCHAR            -- the earlier article it copies, NULL for an original
);

-- Dyad time series (eventlens.analyze): PLOVER scores of stories per dyad and period.
CREATE TABLE IF NOT EXISTS dyad_series (
    actor       VARCHAR NOT NULL,
    recipient   VARCHAR NOT NULL,
    directed    BOOLEAN NOT NULL,
    period      VARCHAR NOT NULL,   -- day / week
    start       DATE NOT NULL,
    events      INTEGER NOT NULL,
    conflict    DOUBLE NOT NULL,    -- sum of the negative scores, as a positive number
    cooperation DOUBLE NOT NULL,    -- sum of the positive scores
    PRIMARY KEY (actor, recipient, directed, period, start)
);

-- Article clusters (eventlens.clustering): every stored article in the group of reports of one event it
-- belongs to, recomputed after an ingest that adds articles; `eventlens clusters` reads them back. Clusters
-- are numbered in display order (1: the largest); `position` orders the articles within one, each
-- original followed by its near-duplicate copies. meta 'clusters_key' names the parameters they were
-- made with. Version 4 added this table and the next.
CREATE TABLE IF NOT EXISTS article_clusters (
    article_id VARCHAR PRIMARY KEY,
    cluster    INTEGER NOT NULL,
    position   INTEGER NOT NULL
);

-- Embeddings of article leads (title and first sentences), computed once: a re-clustering encodes only
-- the leads of new articles.
CREATE TABLE IF NOT EXISTS article_vectors (
    article_id VARCHAR PRIMARY KEY,
    vector     FLOAT[] NOT NULL
);
