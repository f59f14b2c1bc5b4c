-- Initial schema. Portable SQL (H2 and PostgreSQL): standard types, BIGINT for sizes and epoch-millisecond times.

-- An upload slot, from the slot request until it is purged. state: pending | completed | deleted.
-- Deleted rows stay for a day so that deleting a file does not refund the daily quota.
CREATE TABLE slots (
    id            VARCHAR(64)   NOT NULL PRIMARY KEY,
    owner         VARCHAR(3071) NOT NULL,
    filename      VARCHAR(1024) NOT NULL,
    size          BIGINT        NOT NULL,
    content_type  VARCHAR(255),
    purpose       VARCHAR(16)   NOT NULL,
    expire_before BIGINT,
    created       BIGINT        NOT NULL,
    put_expires   BIGINT        NOT NULL,
    anonymous_put BOOLEAN       NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    completed     BIGINT
);
CREATE INDEX slots_owner_created ON slots (owner, created);
CREATE INDEX slots_state_put_expires ON slots (state, put_expires);

-- Stored content, addressed by lowercase hex SHA-256; refcount = number of files rows pointing at it.
CREATE TABLE blobs (
    sha256   CHAR(64) NOT NULL PRIMARY KEY,
    size     BIGINT   NOT NULL,
    refcount INTEGER  NOT NULL,
    created  BIGINT   NOT NULL
);

-- Every hash known for a blob, XEP-0300 algorithm name and unpadded base64url digest.
CREATE TABLE blob_hashes (
    sha256 CHAR(64)     NOT NULL REFERENCES blobs (sha256) ON DELETE CASCADE,
    algo   VARCHAR(32)  NOT NULL,
    digest VARCHAR(128) NOT NULL,
    PRIMARY KEY (sha256, algo)
);
CREATE INDEX blob_hashes_lookup ON blob_hashes (algo, digest);

-- A completed upload: which blob a slot serves, and the Content-Type of the PUT when the slot named none.
CREATE TABLE files (
    slot_id      VARCHAR(64)  NOT NULL PRIMARY KEY REFERENCES slots (id),
    sha256       CHAR(64)     NOT NULL REFERENCES blobs (sha256),
    content_type VARCHAR(255)
);
CREATE INDEX files_sha256 ON files (sha256);
