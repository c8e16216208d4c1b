-- The Postfach: messages between an authority and the citizen about one application. The
-- body is stored as written; an authority's message is read when the citizen opened it.
CREATE TABLE messages (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    submission_id BIGINT NOT NULL REFERENCES submissions (id),
    direction     TEXT NOT NULL,
    author        TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    read_at       BIGINT
);
CREATE INDEX messages_by_submission ON messages (submission_id, id);

-- Files for messages: uploaded first (message_id NULL), then sent with a message.
CREATE TABLE message_files (
    id            TEXT PRIMARY KEY,
    submission_id BIGINT NOT NULL REFERENCES submissions (id),
    message_id    BIGINT REFERENCES messages (id),
    uploader      TEXT NOT NULL,
    name          TEXT NOT NULL,
    media_type    TEXT NOT NULL,
    size          BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX message_files_by_submission ON message_files (submission_id);
