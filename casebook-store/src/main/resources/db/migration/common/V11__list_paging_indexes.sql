-- Lists paged by the database: a reader's worklist is read by reader in worklist order (the
-- primary key starts with the scan, so without this every assignment of the site was scanned),
-- and a study's audit page newest first (the id is the order of writing).
CREATE INDEX reader_assignments_by_reader ON reader_assignments (reader, position);
CREATE INDEX audit_log_by_study ON audit_log (study_id, id);
