-- Pages and what segmentation made of them. Plain tables so that sqlite3 and
-- Datasette can read the file directly.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,            -- content hash of the page text
    name TEXT NOT NULL,             -- file basename or JSONL record id
    format TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    title TEXT,
    published TEXT,
    published_inferred INTEGER NOT NULL DEFAULT 0,
    source_path TEXT,
    encoding TEXT,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);

CREATE TABLE blocks (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    role TEXT NOT NULL,             -- title | body | comment | author | boilerplate
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    PRIMARY KEY (doc_id, ordinal)
);

CREATE TABLE comments (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    author TEXT,
    depth INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (doc_id, ordinal)
);

-- Every run and every page it could not read, so that nothing is lost silently.
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    pages_read INTEGER NOT NULL DEFAULT 0,
    pages_stored INTEGER NOT NULL DEFAULT 0,
    pages_failed INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE failures (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    name TEXT NOT NULL,
    code TEXT NOT NULL,
    reason TEXT NOT NULL
);
