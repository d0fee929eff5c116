-- What each mention says, by slot and source; the places and actors mentions name; and the
-- page segments as one readable view. Written with the page, in the page's transaction.
CREATE TABLE places (
    place_key TEXT PRIMARY KEY,     -- "gn:<geonameid>", else name and rounded coordinates
    name TEXT NOT NULL,
    geonameid INTEGER,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    admin1 TEXT,
    country TEXT,
    geo_precision INTEGER
);

ALTER TABLE mentions ADD COLUMN place_key TEXT;
ALTER TABLE mentions ADD COLUMN source_stance TEXT;  -- the source's side, as attribution found it
CREATE INDEX mentions_place ON mentions(place_key);

CREATE TABLE actors (
    name TEXT PRIMARY KEY           -- canonical actor name (DESIGN.md), or as the page names it
);

CREATE TABLE mention_actors (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    role TEXT NOT NULL,             -- actor1 | actor2 | assoc | withdrawing | allowing | broker
    actor TEXT NOT NULL REFERENCES actors(name),
    PRIMARY KEY (doc_id, ordinal, role, actor)
);
CREATE INDEX mention_actors_actor ON mention_actors(actor);

CREATE TABLE claims (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    slot TEXT NOT NULL,             -- happened | status | fighters | civilians | destination | foreign_fighters | fatalities
    value TEXT NOT NULL,            -- as shown
    value_key TEXT NOT NULL,        -- as compared (place skeleton, number, fixed word)
    source TEXT NOT NULL,           -- who claims it (the page itself when unattributed)
    source_type TEXT,
    certainty TEXT NOT NULL,
    in_comments INTEGER NOT NULL,
    PRIMARY KEY (doc_id, ordinal, slot)
);
CREATE INDEX claims_slot ON claims(slot, value_key);

CREATE VIEW segments AS
SELECT b.doc_id, b.ordinal, b.role, b.char_start, b.char_end,
       substr(d.text, b.char_start + 1, b.char_end - b.char_start) AS text
FROM blocks b JOIN documents d ON d.id = b.doc_id;
