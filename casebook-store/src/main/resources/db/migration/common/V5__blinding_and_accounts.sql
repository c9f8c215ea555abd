-- Blinding: whether a study's readers may open a scan's PACS accession number at all (one scan
-- at a time, on explicit action, audited). Accession numbers often name the patient and time
-- point, so a study can hide them from readers entirely (0).
ALTER TABLE studies ADD COLUMN readers_see_accession INTEGER NOT NULL DEFAULT 1;

-- Admins can disable an account: it cannot log in and its sessions end.
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
