-- Tamper evidence: every audit row from now on carries the SHA-256 of its content chained to the
-- previous row's hash (AuditChain); audit_chain holds the newest hash and serialises writers.
-- Rows written before this migration have no hash; the chain begins after them.
ALTER TABLE audit_log ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE audit_log ADD COLUMN hash VARCHAR(64);

CREATE TABLE audit_chain (
    id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    last_hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_chain (id, last_hash) VALUES (1, '');
