-- What each independent source of an event carries: the voices it speaks with (named
-- speakers, outlets speaking for themselves) and its pages with outlet, URL and date; and
-- the deal an event is a step of (a deal's agreement and its implementation share it).
-- Events are rebuilt by every fusion: rows written before this step read as empty lists
-- and no deal until the next fusion.
ALTER TABLE event_sources ADD COLUMN voices TEXT NOT NULL DEFAULT '[]';  -- JSON list
ALTER TABLE event_sources ADD COLUMN pages TEXT NOT NULL DEFAULT '[]';   -- JSON list of {doc_id, doc, outlet, url, published}
ALTER TABLE events ADD COLUMN deal_id TEXT;
CREATE INDEX events_deal ON events(deal_id);
