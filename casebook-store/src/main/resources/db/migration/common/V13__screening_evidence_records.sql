-- What each evidence record is, from the screening output's evidence.csv (casebook screen writes
-- it beside screening.csv): its kind, the code it matched by with its display, its date as
-- written, and its value and unit. Repeated on each row of the record (one row per value it gave
-- the case). NULL for records imported from an output without evidence.csv.
ALTER TABLE screening_evidence ADD COLUMN record_kind VARCHAR(100);
ALTER TABLE screening_evidence ADD COLUMN code_system VARCHAR(200);
ALTER TABLE screening_evidence ADD COLUMN code VARCHAR(100);
ALTER TABLE screening_evidence ADD COLUMN display VARCHAR(1000);
ALTER TABLE screening_evidence ADD COLUMN record_date VARCHAR(50);
ALTER TABLE screening_evidence ADD COLUMN record_value VARCHAR(200);
ALTER TABLE screening_evidence ADD COLUMN record_unit VARCHAR(100);
