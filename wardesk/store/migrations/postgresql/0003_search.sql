-- Full-text search over page titles and text: a generated tsvector (English stemming,
-- titles weighted above text) with a GIN index. Query it with:
-- SELECT ... FROM documents WHERE search @@ websearch_to_tsquery('english', 'word').
ALTER TABLE documents ADD COLUMN search_id BIGINT;
CREATE UNIQUE INDEX documents_search_id ON documents(search_id);
ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A')
    || setweight(to_tsvector('english', text), 'B')
) STORED;
CREATE INDEX documents_search ON documents USING gin (search);
