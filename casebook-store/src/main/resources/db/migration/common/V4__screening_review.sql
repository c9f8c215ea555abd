-- A study's imported screening output (casebook screen) and the investigator's review of each
-- included patient against the acute-exacerbation checklist. Re-importing replaces the flow
-- and the log; reviews are keyed by patient and survive a re-import.

CREATE TABLE screenings (
    study_id BIGINT NOT NULL PRIMARY KEY REFERENCES studies (id),
    flow_json TEXT NOT NULL,
    imported_at VARCHAR(40) NOT NULL,
    imported_by VARCHAR(100) NOT NULL
);

-- One row of screening.csv; line is its line in the file (the header is line 1).
CREATE TABLE screening_log (
    study_id BIGINT NOT NULL REFERENCES studies (id),
    patient_id VARCHAR(100) NOT NULL,
    line INTEGER NOT NULL,
    case_no INTEGER,
    status VARCHAR(20) NOT NULL CHECK (status IN ('included', 'excluded')),
    day0 VARCHAR(10),
    encounter_id VARCHAR(200),
    reason VARCHAR(200),
    evidence VARCHAR(4000),
    matched_by_text VARCHAR(1000),
    PRIMARY KEY (study_id, patient_id)
);

-- version counts decisions (optimistic locking, like cases); checklist names the checklist answered.
CREATE TABLE screening_reviews (
    id ${id_column},
    study_id BIGINT NOT NULL REFERENCES studies (id),
    patient_id VARCHAR(100) NOT NULL,
    version INTEGER NOT NULL,
    checklist VARCHAR(100) NOT NULL,
    decision VARCHAR(20) NOT NULL CHECK (decision IN ('confirmed', 'suspected', 'rejected')),
    reason VARCHAR(1000) NOT NULL,
    reviewer VARCHAR(100) NOT NULL,
    reviewed_at VARCHAR(40) NOT NULL,
    UNIQUE (study_id, patient_id)
);

CREATE TABLE screening_review_answers (
    review_id BIGINT NOT NULL REFERENCES screening_reviews (id),
    item VARCHAR(100) NOT NULL,
    answer VARCHAR(10) NOT NULL CHECK (answer IN ('yes', 'no', 'unknown')),
    PRIMARY KEY (review_id, item)
);
