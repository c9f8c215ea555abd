-- casebook study database. Portable SQL for SQLite and PostgreSQL: ${id_column} is the one
-- dialect difference (an auto-increment primary key); timestamps are ISO-8601 UTC text and
-- booleans are 0/1 integers so that both databases store them identically.

CREATE TABLE users (
    id ${id_column},
    username VARCHAR(100) NOT NULL UNIQUE,
    password_hash VARCHAR(200) NOT NULL,
    admin INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1)),
    created_at VARCHAR(40) NOT NULL
);

CREATE TABLE studies (
    id ${id_column},
    name VARCHAR(200) NOT NULL UNIQUE,
    protocol VARCHAR(200) NOT NULL,
    adjudication_threshold DOUBLE PRECISION NOT NULL DEFAULT 30,
    created_at VARCHAR(40) NOT NULL
);

-- A user's role in a study; admin is site-wide (users.admin), not a study role.
CREATE TABLE study_members (
    study_id BIGINT NOT NULL REFERENCES studies (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    role VARCHAR(20) NOT NULL CHECK (role IN ('INVESTIGATOR', 'READER', 'ANALYST')),
    adjudicator INTEGER NOT NULL DEFAULT 0 CHECK (adjudicator IN (0, 1)),
    PRIMARY KEY (study_id, user_id, role)
);

-- version counts saves (optimistic locking); every save of a stale version is refused.
CREATE TABLE cases (
    id ${id_column},
    study_id BIGINT NOT NULL REFERENCES studies (id),
    patient_id VARCHAR(100) NOT NULL,
    version INTEGER NOT NULL,
    locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    UNIQUE (study_id, patient_id)
);

-- Case-level fields (the cases sheet's columns) have timepoint ''; measurements name their time point.
CREATE TABLE case_values (
    case_id BIGINT NOT NULL REFERENCES cases (id),
    timepoint VARCHAR(50) NOT NULL,
    variable VARCHAR(100) NOT NULL,
    value VARCHAR(1000) NOT NULL,
    unit VARCHAR(50) NOT NULL DEFAULT '',
    value_date VARCHAR(10),
    source VARCHAR(300),
    PRIMARY KEY (case_id, timepoint, variable)
);

CREATE TABLE adverse_events (
    id ${id_column},
    case_id BIGINT NOT NULL REFERENCES cases (id),
    term VARCHAR(300) NOT NULL,
    onset_date VARCHAR(10),
    grade INTEGER,
    serious INTEGER,
    related_to VARCHAR(50),
    action VARCHAR(300)
);

-- A CT examination under a random code: readers see only the code (and the accession number to open it in PACS).
CREATE TABLE ct_scans (
    id ${id_column},
    study_id BIGINT NOT NULL REFERENCES studies (id),
    case_id BIGINT NOT NULL REFERENCES cases (id),
    timepoint VARCHAR(50) NOT NULL,
    scan_date VARCHAR(10),
    code VARCHAR(20) NOT NULL UNIQUE,
    accession VARCHAR(100),
    UNIQUE (case_id, timepoint)
);

-- position is a random sort key drawn at assignment: each reader's worklist is in random order.
CREATE TABLE reader_assignments (
    scan_id BIGINT NOT NULL REFERENCES ct_scans (id),
    reader VARCHAR(100) NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (scan_id, reader)
);

-- reader is a username (or the workbook's reader label for imported reads).
CREATE TABLE ct_reads (
    id ${id_column},
    scan_id BIGINT NOT NULL REFERENCES ct_scans (id),
    reader VARCHAR(100) NOT NULL,
    adjudication INTEGER NOT NULL DEFAULT 0 CHECK (adjudication IN (0, 1)),
    version INTEGER NOT NULL,
    total DOUBLE PRECISION NOT NULL,
    saved_at VARCHAR(40) NOT NULL,
    UNIQUE (scan_id, reader, adjudication)
);

CREATE TABLE ct_zone_reads (
    read_id BIGINT NOT NULL REFERENCES ct_reads (id),
    zone VARCHAR(2) NOT NULL,
    normal INTEGER NOT NULL,
    ggo INTEGER NOT NULL,
    consolidation INTEGER NOT NULL,
    ggo_traction INTEGER NOT NULL,
    consolidation_traction INTEGER NOT NULL,
    honeycombing INTEGER NOT NULL,
    PRIMARY KEY (read_id, zone)
);

-- Append-only: V2 (per database) adds triggers that refuse UPDATE and DELETE.
CREATE TABLE audit_log (
    id ${id_column},
    at VARCHAR(40) NOT NULL,
    username VARCHAR(100) NOT NULL,
    study_id BIGINT,
    entity VARCHAR(20) NOT NULL,
    entity_id BIGINT NOT NULL,
    version INTEGER,
    field VARCHAR(200) NOT NULL,
    old_value VARCHAR(1000),
    new_value VARCHAR(1000),
    reason VARCHAR(1000)
);

CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
