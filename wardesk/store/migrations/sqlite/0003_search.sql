-- Full-text search over page titles and text: an FTS5 index (Porter stemming) whose text
-- stays in `documents` (external content), keyed by `documents.search_id` and kept in step
-- by triggers. Query it with: SELECT ... FROM documents_fts WHERE documents_fts MATCH 'word'.
ALTER TABLE documents ADD COLUMN search_id INTEGER;
UPDATE documents SET search_id = rowid WHERE search_id IS NULL;
CREATE UNIQUE INDEX documents_search_id ON documents(search_id);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='search_id', tokenize='porter unicode61'
);
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.search_id, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.search_id, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.search_id, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.search_id, new.title, new.text);
END;
