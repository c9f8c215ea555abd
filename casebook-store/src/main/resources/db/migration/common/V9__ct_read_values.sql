-- CT reads under the study protocol's scoring system (ct_score.system, casebook-core's
-- CtScoringSystem): one row per value a reader gave, by region (an Ichikado zone RU…LL, a
-- Kazerooni lobe RUL…LLL) and item (a pattern's percent, an alveolar or interstitial grade).
-- The Ichikado zone reads of V1 (ct_zone_reads) move here unchanged, and that table goes.
ALTER TABLE ct_reads ADD COLUMN scoring_system VARCHAR(20) NOT NULL DEFAULT 'ichikado';

CREATE TABLE ct_read_values (
    read_id BIGINT NOT NULL REFERENCES ct_reads (id),
    region VARCHAR(10) NOT NULL,
    item VARCHAR(50) NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (read_id, region, item)
);

INSERT INTO ct_read_values (read_id, region, item, value) SELECT read_id, zone, 'normal', normal FROM ct_zone_reads;
INSERT INTO ct_read_values (read_id, region, item, value) SELECT read_id, zone, 'ggo', ggo FROM ct_zone_reads;
INSERT INTO ct_read_values (read_id, region, item, value) SELECT read_id, zone, 'consolidation', consolidation FROM ct_zone_reads;
INSERT INTO ct_read_values (read_id, region, item, value) SELECT read_id, zone, 'ggo_traction', ggo_traction FROM ct_zone_reads;
INSERT INTO ct_read_values (read_id, region, item, value) SELECT read_id, zone, 'consolidation_traction', consolidation_traction FROM ct_zone_reads;
INSERT INTO ct_read_values (read_id, region, item, value) SELECT read_id, zone, 'honeycombing', honeycombing FROM ct_zone_reads;

DROP TABLE ct_zone_reads;
