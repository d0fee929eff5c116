-- Fused events, rewritten as a whole by every fusion (one transaction): each event, the
-- mentions it fuses, its independent sources, and every slot value with who claims it.
CREATE TABLE events (
    event_id TEXT PRIMARY KEY,
    event_type TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    location_name TEXT,
    geonameid INTEGER,
    latitude REAL,
    longitude REAL,
    admin1 TEXT,
    country TEXT,
    geo_precision INTEGER,
    event_date TEXT,                -- best date, ISO, possibly partial
    date_start TEXT,                -- the span the reports allow
    date_end TEXT,
    time_precision INTEGER,
    actor1 TEXT,
    actor2 TEXT,
    assoc_actors TEXT NOT NULL,     -- JSON list
    fatalities INTEGER,
    agreement TEXT,                 -- JSON object (the fused deal) or NULL
    source_count INTEGER NOT NULL,  -- independent sources (reader comments never count)
    reader_comments INTEGER NOT NULL,
    mention_count INTEGER NOT NULL,
    pages TEXT NOT NULL,            -- JSON list of page names
    contested TEXT NOT NULL,        -- JSON list of slots with clashing article claims
    reader_disputes TEXT NOT NULL,  -- JSON list of slots disputed only by readers
    notes TEXT NOT NULL,
    fused_at TEXT NOT NULL
);
CREATE INDEX events_type ON events(sub_event_type);
CREATE INDEX events_date ON events(date_start);

CREATE TABLE event_mentions (
    event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    mention_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (doc_id, ordinal)
);
CREATE INDEX event_mentions_event ON event_mentions(event_id);

CREATE TABLE event_sources (
    event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    source_type TEXT,
    docs TEXT NOT NULL,             -- JSON list of page names
    mention_ids TEXT NOT NULL,      -- JSON list
    PRIMARY KEY (event_id, position)
);

CREATE TABLE event_claims (
    event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    slot TEXT NOT NULL,
    position INTEGER NOT NULL,
    value TEXT NOT NULL,
    value_key TEXT NOT NULL,
    support INTEGER NOT NULL,       -- independent sources claiming it
    reader_only INTEGER NOT NULL,
    contested INTEGER NOT NULL,     -- 1 when the slot is contested
    sources TEXT NOT NULL,          -- JSON list of {source, source_type, certainty, in_comments, doc, mention_id, date}
    PRIMARY KEY (event_id, slot, position)
);
