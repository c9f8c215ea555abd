-- Data queries (discrepancy notes): someone with access to a case questions one of its values
-- (timepoint '' for a case field, as in case_values) with a comment; an investigator answers
-- (or corrects the value and answers); whoever opened it closes it. A query that is not closed
-- blocks locking the case. value is the value as it stood when the query was opened. version
-- counts the query's changes (optimistic locking, as for cases). Every step is also written to
-- the audit trail (entity data_query).
CREATE TABLE data_queries (
    id ${id_column},
    study_id BIGINT NOT NULL REFERENCES studies (id),
    case_id BIGINT NOT NULL REFERENCES cases (id),
    timepoint VARCHAR(50) NOT NULL,
    variable VARCHAR(100) NOT NULL,
    value VARCHAR(1000),
    status VARCHAR(20) NOT NULL CHECK (status IN ('OPEN', 'ANSWERED', 'CLOSED')),
    opened_by VARCHAR(100) NOT NULL,
    opened_at VARCHAR(40) NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX data_queries_by_case ON data_queries (case_id, status);
CREATE INDEX data_queries_by_study ON data_queries (study_id, status);

-- The conversation of a query: the opening comment, answers and the closing note, in order.
CREATE TABLE data_query_messages (
    query_id BIGINT NOT NULL REFERENCES data_queries (id),
    seq INTEGER NOT NULL,
    at VARCHAR(40) NOT NULL,
    username VARCHAR(100) NOT NULL,
    action VARCHAR(20) NOT NULL CHECK (action IN ('OPEN', 'ANSWER', 'CLOSE')),
    text VARCHAR(1000) NOT NULL,
    PRIMARY KEY (query_id, seq)
);


-- The study page lists a study's CT scans a page at a time.
CREATE INDEX ct_scans_by_study ON ct_scans (study_id);
