-- A study created from an uploaded protocol keeps the files it was created from: protocol.yaml
-- and its code-set files, by path relative to protocol.yaml. A study without rows here follows
-- the built-in protocol named in studies.protocol. Case fields of any protocol are stored in
-- case_values (timepoint '', variable = the field's name), so no column names a field.
CREATE TABLE study_protocol_files (
    study_id BIGINT NOT NULL REFERENCES studies (id),
    path VARCHAR(300) NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (study_id, path)
);
