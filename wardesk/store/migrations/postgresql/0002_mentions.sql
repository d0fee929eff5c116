-- Event mentions in the output contract's shape, one row per mention.
CREATE TABLE mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    mention_id TEXT NOT NULL,       -- the contract's id: page name + ordinal
    doc TEXT NOT NULL,
    event_type TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    actor1 TEXT,
    actor2 TEXT,
    assoc_actors TEXT,              -- JSON list
    location_name TEXT,
    geonameid INTEGER,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    admin1 TEXT,
    country TEXT,
    geo_precision INTEGER,
    event_date TEXT,
    time_precision INTEGER,
    fatalities INTEGER,
    agreement TEXT,                 -- JSON object or NULL
    source TEXT,
    source_type TEXT,
    certainty TEXT NOT NULL,
    in_comments INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    PRIMARY KEY (doc_id, ordinal)
);

CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_type ON mentions(sub_event_type);
