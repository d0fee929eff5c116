-- What each independent source of an event carries: the voices it speaks with (named
-- speakers, outlets speaking for themselves) and its pages with outlet, URL and date.
-- Events are rebuilt by every fusion: rows written before this step read as empty lists.
ALTER TABLE event_sources ADD COLUMN voices TEXT NOT NULL DEFAULT '[]';  -- JSON list
ALTER TABLE event_sources ADD COLUMN pages TEXT NOT NULL DEFAULT '[]';   -- JSON list of {doc_id, doc, outlet, url, published}
