-- An adverse event's outcome (one of the protocol's adverse_events.outcomes levels) and the CTCAE
-- version its grade is by (e.g. 5.0). NULL when not recorded, as for every event stored before.
ALTER TABLE adverse_events ADD COLUMN ctcae_version VARCHAR(10);
ALTER TABLE adverse_events ADD COLUMN outcome VARCHAR(100);
