-- The records that met each eligibility criterion of a screened patient, readable: the log's
-- evidence (criterion=Type/id) joined at import with what cases/provenance.csv says the record
-- gave (each field and value taken from it; none when it gave no value). Replaced with the log.
CREATE TABLE screening_evidence (
    study_id BIGINT NOT NULL REFERENCES studies (id),
    patient_id VARCHAR(100) NOT NULL,
    seq INTEGER NOT NULL,
    criterion VARCHAR(100) NOT NULL,
    resource_type VARCHAR(100) NOT NULL,
    resource_id VARCHAR(200) NOT NULL,
    field VARCHAR(100),
    timepoint VARCHAR(50),
    value VARCHAR(1000),
    PRIMARY KEY (study_id, patient_id, seq)
);
