-- The seed protocol's eligibility criteria as a data engineer would first write them in DuckDB SQL.
CREATE MACRO pid(ref) AS regexp_extract(ref, 'Patient/([^/]+)$', 1);
CREATE MACRO day(text) AS try_cast(substr(text, 1, 10) AS DATE);
CREATE MACRO nonempty(list) AS CASE WHEN len(list) = 0 THEN NULL ELSE list END;
CREATE MACRO icd(code) AS upper(replace(code, '.', ''));
CREATE MACRO is_ild(sys, code) AS (sys = 'http://hl7.org/fhir/sid/icd-10-cm' AND (icd(code) LIKE 'J84%' OR icd(code) LIKE 'M051%'))
    OR (sys = 'http://snomed.info/sct' AND code IN ('233703007', '789574002', '398726004', '319841000119107', '239794002', '10713006', '711379004'));
CREATE MACRO is_ra(sys, code) AS (sys = 'http://hl7.org/fhir/sid/icd-10-cm' AND (icd(code) LIKE 'M05%' OR icd(code) LIKE 'M06%'))
    OR (sys = 'http://snomed.info/sct' AND code IN ('69896004', '398726004', '319841000119107'));
CREATE MACRO is_mpsl(sys, code, text) AS (sys = 'http://www.nlm.nih.gov/research/umls/rxnorm' AND code = '6902')
    OR (sys = 'http://www.whocc.no/atc' AND code = 'H02AB04') OR lower(text) LIKE '%methylprednisolone%';
CREATE MACRO is_jaki(sys, code, text) AS (sys = 'http://www.nlm.nih.gov/research/umls/rxnorm' AND code IN ('1357536', '2047232', '2196092'))
    OR (sys = 'http://www.whocc.no/atc' AND code IN ('L04AF01', 'L04AF02', 'L04AF03', 'L04AF04', 'L04AA29', 'L04AA37', 'L04AA44'))
    OR regexp_matches(lower(coalesce(text, '')), 'tofacitinib|baricitinib|upadacitinib|filgotinib|peficitinib');

CREATE TABLE encounters AS
SELECT json->>'$.id' AS id, pid(json->>'$.subject.reference') AS patient, json->>'$.status' AS status, json->>'$.class.code' AS class,
       day(json->>'$.period.start') AS admitted, day(json->>'$.period.end') AS discharged,
       json_extract_string(json, '$.reasonCode[*].coding[*].system') AS reason_systems,
       json_extract_string(json, '$.reasonCode[*].coding[*].code') AS reason_codes,
       list_concat(json_extract_string(json, '$.reasonReference[*].reference'), json_extract_string(json, '$.diagnosis[*].condition.reference')) AS condition_refs
FROM read_ndjson_objects('${extract}/Encounter*.ndjson*')
WHERE json->>'$.class.code' IN ('IMP', 'ACUTE', 'NONAC') AND coalesce(json->>'$.status', '') NOT IN ('cancelled', 'entered-in-error', 'planned');

CREATE TABLE conditions AS
SELECT id, patient, encounter, first_date, system, code FROM (
    SELECT json->>'$.id' AS id, pid(json->>'$.subject.reference') AS patient,
           regexp_extract(coalesce(json->>'$.encounter.reference', ''), 'Encounter/([^/]+)$', 1) AS encounter,
           json->>'$.verificationStatus.coding[0].code' AS verification,
           least(day(json->>'$.onsetDateTime'), day(json->>'$.onsetPeriod.start'), day(json->>'$.recordedDate')) AS first_date,
           unnest(json_extract_string(json, '$.code.coding[*].system')) AS system,
           unnest(json_extract_string(json, '$.code.coding[*].code')) AS code
    FROM read_ndjson_objects('${extract}/Condition*.ndjson*'))
WHERE coalesce(verification, '') NOT IN ('refuted', 'entered-in-error') AND (is_ild(system, code) OR is_ra(system, code));

CREATE TABLE medications AS
SELECT json->>'$.id' AS id, json_extract_string(json, '$.code.coding[*].system') AS systems, json_extract_string(json, '$.code.coding[*].code') AS codes
FROM read_ndjson_objects('${extract}/Medication.ndjson*');

CREATE TABLE drug_records AS
WITH records AS (
    SELECT json, day(coalesce(json->>'$.effectiveDateTime', json->>'$.effectivePeriod.start')) AS started FROM read_ndjson_objects('${extract}/MedicationAdministration*.ndjson*')
    UNION ALL
    SELECT json, day(json->>'$.authoredOn') FROM read_ndjson_objects('${extract}/MedicationRequest*.ndjson*')
    UNION ALL
    SELECT json, day(coalesce(json->>'$.effectiveDateTime', json->>'$.effectivePeriod.start')) FROM read_ndjson_objects('${extract}/MedicationStatement*.ndjson*')
), named AS (
    SELECT pid(r.json->>'$.subject.reference') AS patient, r.started,
           coalesce(nonempty(json_extract_string(r.json, '$.medicationCodeableConcept.coding[*].system')), nonempty(json_extract_string(r.json, '$.contained[0].code.coding[*].system')), m.systems) AS systems,
           coalesce(nonempty(json_extract_string(r.json, '$.medicationCodeableConcept.coding[*].code')), nonempty(json_extract_string(r.json, '$.contained[0].code.coding[*].code')), m.codes) AS codes,
           r.json->>'$.medicationCodeableConcept.text' AS text
    FROM records r LEFT JOIN medications m ON 'Medication/' || m.id = r.json->>'$.medicationReference.reference'
    WHERE coalesce(r.json->>'$.status', '') NOT IN ('entered-in-error', 'cancelled', 'draft', 'not-done', 'not-taken')
)
SELECT patient, started,
       bool_or(is_mpsl(system, code, text)) AS methylprednisolone, bool_or(is_jaki(system, code, text)) AS jak_inhibitor
FROM (SELECT patient, started, text, unnest(coalesce(nonempty(systems), [NULL])) AS system, unnest(coalesce(nonempty(codes), [NULL])) AS code, row_number() OVER () AS record FROM named)
GROUP BY record, patient, started
HAVING bool_or(is_mpsl(system, code, text)) OR bool_or(is_jaki(system, code, text));

CREATE TABLE index_admissions AS
SELECT e.* FROM encounters e
WHERE e.admitted BETWEEN DATE '2024-01-01' AND DATE '2024-12-31'
  AND (list_bool_or(list_transform(list_zip(e.reason_systems, e.reason_codes), lambda pair: is_ild(pair[1], pair[2])))
       OR EXISTS (SELECT 1 FROM conditions c WHERE c.patient = e.patient AND is_ild(c.system, c.code)
                  AND (list_contains(e.condition_refs, 'Condition/' || c.id) OR c.encounter = e.id)));

SELECT count(DISTINCT i.patient) FROM index_admissions i
WHERE EXISTS (SELECT 1 FROM conditions c WHERE c.patient = i.patient AND is_ra(c.system, c.code) AND c.first_date <= i.admitted)
  AND EXISTS (SELECT 1 FROM drug_records d WHERE d.patient = i.patient AND d.methylprednisolone AND d.started BETWEEN i.admitted AND coalesce(i.discharged, DATE '9999-12-31'))
  AND EXISTS (SELECT 1 FROM drug_records d WHERE d.patient = i.patient AND d.jak_inhibitor AND d.started BETWEEN i.admitted AND coalesce(i.discharged, DATE '9999-12-31'))
