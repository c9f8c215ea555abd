package org.casebook.screening.omop;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.casebook.screening.fhir.Coding;
import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.Quantity;
import org.casebook.screening.generic.GenericExtractReader;
import org.casebook.screening.generic.GenericFlow;
import org.casebook.screening.generic.GenericPatient;
import org.casebook.screening.generic.GenericRecord;
import org.casebook.screening.local.Csv;

/**
 * Writes patients' records as OMOP CDM v5.4 CSV tables, the way an ETL would load them
 * (docs/screening.md, "OMOP CDM input"): PERSON, DEATH, VISIT_OCCURRENCE, CONDITION_OCCURRENCE,
 * DRUG_EXPOSURE, MEASUREMENT, PROCEDURE_OCCURRENCE, DEVICE_EXPOSURE, CDM_SOURCE, and a CONCEPT
 * table of the codes used (local concept ids from 2,000,000,001). Used by {@code casebook synth
 * --format omop} to render the synthetic hospital's FHIR export as OMOP. What OMOP cannot hold is
 * left out, as an ETL leaves it out: records whose status means they never happened (refuted or
 * entered-in-error conditions; cancelled, draft, not-done medications; procedures not completed;
 * cancelled or planned encounters; cancelled results), imaging studies (no CDM table), an
 * encounter's own reason codes, a record's third and further codings, dates without a day, and
 * time zone offsets. An open stay ends on CDM_SOURCE's release date with no discharge.
 */
public final class OmopWriter
{
    static final long FIRST_PERSON_ID = 1_000_001L;
    static final long FIRST_RECORD_ID = 1_000_000_001L;
    static final long FIRST_CONCEPT_ID = 2_000_000_001L;
    static final long DISCHARGED_HOME = 8536L;
    /** Beside the tables: each OMOP row and person as the FHIR record it was written from ({@code omop,fhir}). */
    public static final String IDS_FILE = "fhir-ids.csv";

    private static final Set<String> DROPPED_CONDITION = Set.of("refuted", "entered-in-error");
    private static final Set<String> DROPPED_MEDICATION = Set.of("entered-in-error", "cancelled", "draft", "not-done", "not-taken");
    private static final Set<String> DROPPED_ENCOUNTER = Set.of("cancelled", "entered-in-error", "planned");
    private static final Set<String> DROPPED_RESULT = Set.of("cancelled", "entered-in-error");

    /**
     * What was written: each person_id's FHIR patient id, each OMOP row's FHIR record
     * ({@code drug_exposure/1000000003} → {@code MedicationRequest/p1-4}), and each row id's FHIR
     * id (row ids are unique across tables).
     */
    public record Written(Map<String, String> patientIds, Map<String, String> references, Map<String, String> ids)
    {
        public Written
        {
            patientIds = Map.copyOf(patientIds);
            references = Map.copyOf(references);
            ids = Map.copyOf(ids);
        }
    }

    private final OmopConventions conventions = OmopConventions.standard();
    private final Map<String, Long> conceptIds = new LinkedHashMap<>();
    private final Map<String, Coding> conceptCodings = new HashMap<>();
    private final Map<String, Long> nextIds = new HashMap<>();
    private final Map<String, StringBuilder> tables = new LinkedHashMap<>();
    private final Map<String, String> patientIds = new HashMap<>();
    private final Map<String, String> references = new HashMap<>();
    private LocalDate latest = LocalDate.of(1900, 1, 1);

    private static final Map<String, String> HEADERS = Map.of(
            "PERSON", "person_id,gender_concept_id,year_of_birth,month_of_birth,day_of_birth,birth_datetime,race_concept_id,ethnicity_concept_id,person_source_value,gender_source_value",
            "DEATH", "person_id,death_date,death_datetime,death_type_concept_id",
            "VISIT_OCCURRENCE", "visit_occurrence_id,person_id,visit_concept_id,visit_start_date,visit_start_datetime,visit_end_date,visit_end_datetime,visit_type_concept_id,visit_source_value,discharged_to_concept_id",
            "CONDITION_OCCURRENCE", "condition_occurrence_id,person_id,condition_concept_id,condition_start_date,condition_start_datetime,condition_type_concept_id,visit_occurrence_id,condition_source_value,condition_source_concept_id",
            "DRUG_EXPOSURE", "drug_exposure_id,person_id,drug_concept_id,drug_exposure_start_date,drug_exposure_start_datetime,drug_exposure_end_date,drug_type_concept_id,quantity,drug_source_value,drug_source_concept_id,dose_unit_source_value",
            "MEASUREMENT", "measurement_id,person_id,measurement_concept_id,measurement_date,measurement_datetime,measurement_type_concept_id,value_as_number,value_as_concept_id,unit_concept_id,measurement_source_value,measurement_source_concept_id,unit_source_value",
            "PROCEDURE_OCCURRENCE", "procedure_occurrence_id,person_id,procedure_concept_id,procedure_date,procedure_datetime,procedure_type_concept_id,procedure_source_value,procedure_source_concept_id",
            "DEVICE_EXPOSURE", "device_exposure_id,person_id,device_concept_id,device_exposure_start_date,device_exposure_start_datetime,device_type_concept_id,device_source_value,device_source_concept_id");

    private OmopWriter()
    {
        for (String table : List.of("PERSON", "DEATH", "VISIT_OCCURRENCE", "CONDITION_OCCURRENCE", "DRUG_EXPOSURE", "MEASUREMENT", "PROCEDURE_OCCURRENCE", "DEVICE_EXPOSURE")) {
            tables.put(table, new StringBuilder(HEADERS.get(table)).append('\n'));
        }
    }

    /** Reads a FHIR bulk export (as the generic engine reads it) and writes its patients as OMOP tables into {@code omopFolder}. */
    public static Written fromFhir(Path fhirFolder, Path omopFolder)
            throws IOException
    {
        Map<String, GenericPatient> patients = GenericExtractReader.read(fhirFolder, false, Writer.nullWriter(), new GenericFlow());
        return write(patients, omopFolder);
    }

    /** Writes the patients (in patient id order) as OMOP tables into {@code folder} (created when missing). */
    public static Written write(Map<String, GenericPatient> patients, Path folder)
            throws IOException
    {
        OmopWriter writer = new OmopWriter();
        long personId = FIRST_PERSON_ID;
        for (GenericPatient patient : new java.util.TreeMap<>(patients).values()) {
            writer.patient(Long.toString(personId++), patient);
        }
        writer.writeFiles(folder);
        writer.writeIds(folder.resolve(IDS_FILE));
        Map<String, String> ids = new HashMap<>();
        writer.references.forEach((omop, fhir) -> ids.put(omop.substring(omop.indexOf('/') + 1), fhir.substring(fhir.indexOf('/') + 1)));
        return new Written(writer.patientIds, writer.references, ids);
    }

    private void patient(String personId, GenericPatient patient)
    {
        patientIds.put(personId, patient.patientId());
        if (patient.patientSource() != null) {
            references.put("person/" + personId, patient.patientSource().reference());
            FhirDate birth = patient.birthDate();
            Long gender = patient.gender() == null ? null : conventions.genderConcept(patient.gender());
            if (birth != null) {
                boolean month = birth.precision() != FhirDate.Precision.YEAR;
                boolean day = birth.isDayPrecise();
                row("PERSON", personId, gender == null ? "0" : gender.toString(), Integer.toString(birth.date().getYear()),
                        month ? Integer.toString(birth.date().getMonthValue()) : "", day ? Integer.toString(birth.date().getDayOfMonth()) : "",
                        day ? birth.date() + " 00:00:00" : "", "0", "0", patient.patientId(), patient.gender() == null ? "" : patient.gender());
            }
        }
        if (patient.deceased() != null && patient.deceased().isDayPrecise()) {
            row("DEATH", personId, patient.deceased().date().toString(), "", "32817");
            seen(patient.deceased().date());
        }
        for (GenericRecord record : patient.records()) {
            record(personId, record);
        }
    }

    private void record(String personId, GenericRecord record)
    {
        String status = record.status();
        FhirDate date = record.kind().equals("condition") ? record.date() : record.day();
        if (date == null || !date.isDayPrecise()) {
            return;
        }
        seen(date.date());
        switch (record.kind()) {
            case "encounter" -> {
                if (status != null && DROPPED_ENCOUNTER.contains(status)) {
                    return;
                }
                String id = id("visit_occurrence", record);
                Long visit = record.encounterClass() == null ? null : conventions.visitConcept(record.encounterClass());
                FhirDate end = record.end() != null && record.end().isDayPrecise() ? record.end() : null;
                if (end != null) {
                    seen(end.date());
                }
                // an open stay: its end is filled in with the release date at the end (see writeFiles)
                row("VISIT_OCCURRENCE", id, personId, visit == null ? "0" : visit.toString(), day(date), dateTime(date), end == null ? "{open}" : day(end),
                        end == null ? "" : dateTime(end), "32817", record.source().id(), end == null ? "0" : Long.toString(DISCHARGED_HOME));
            }
            case "condition" -> {
                if (status != null && DROPPED_CONDITION.contains(status)) {
                    return;
                }
                String id = id("condition_occurrence", record);
                Concept concept = record.concepts().isEmpty() ? Concept.EMPTY : record.concepts().get(0);
                row("CONDITION_OCCURRENCE", id, personId, conceptId(concept, 0), day(date), dateTime(date), "32817",
                        record.encounterId() == null ? "" : encounterRowId(record.encounterId()), sourceValue(concept), conceptId(concept, 1));
            }
            case "medication" -> {
                if (status != null && DROPPED_MEDICATION.contains(status)) {
                    return;
                }
                String id = id("drug_exposure", record);
                Concept concept = record.concepts().isEmpty() ? Concept.EMPTY : record.concepts().get(0);
                Long type = record.recordType() == null ? null : conventions.drugType(record.recordType());
                Quantity dose = record.doses().isEmpty() ? null : record.doses().get(0);
                row("DRUG_EXPOSURE", id, personId, conceptId(concept, 0), day(date), dateTime(date), day(date), type == null ? "0" : type.toString(),
                        dose == null ? "" : dose.value().toPlainString(), sourceValue(concept), conceptId(concept, 1), dose == null ? "" : dose.unitKey());
            }
            case "observation" -> {
                if (status != null && DROPPED_RESULT.contains(status)) {
                    return;
                }
                String id = id("measurement", record);
                Concept concept = record.concepts().isEmpty() ? Concept.EMPTY : record.concepts().get(0);
                Quantity value = record.value();
                String unitConcept = value == null || value.code() == null || value.code().isBlank() ? "0" : conceptId(new Concept(null, List.of(new Coding("http://unitsofmeasure.org", value.code(), value.code()))), 0);
                row("MEASUREMENT", id, personId, conceptId(concept, 0), day(date), dateTime(date), "32817", value == null ? "" : value.value().toPlainString(),
                        conceptId(record.valueConcept(), 0), unitConcept, sourceValue(concept), conceptId(concept, 1),
                        value == null || value.unit() == null ? "" : value.unit());
            }
            case "procedure" -> {
                if (status != null && !status.equals("completed")) {
                    return;
                }
                String id = id("procedure_occurrence", record);
                Concept concept = record.concepts().isEmpty() ? Concept.EMPTY : record.concepts().get(0);
                row("PROCEDURE_OCCURRENCE", id, personId, conceptId(concept, 0), day(date), dateTime(date), "32817", sourceValue(concept), conceptId(concept, 1));
            }
            case "device_request" -> {
                if (status != null && DROPPED_MEDICATION.contains(status)) {
                    return;
                }
                String id = id("device_exposure", record);
                Concept concept = record.concepts().isEmpty() ? Concept.EMPTY : record.concepts().get(0);
                row("DEVICE_EXPOSURE", id, personId, conceptId(concept, 0), day(date), dateTime(date), "32817", sourceValue(concept), conceptId(concept, 1));
            }
            default -> {
                // imaging studies and other kinds have no CDM table
            }
        }
    }

    private final Map<String, String> encounterRows = new HashMap<>();
    private final Map<String, String> localVocabularies = new LinkedHashMap<>();

    private String id(String table, GenericRecord record)
    {
        // one counter for every table: a row id alone names the FHIR record it was written for
        long id = nextIds.merge("record", 1L, Long::sum) + FIRST_RECORD_ID - 1;
        String text = Long.toString(id);
        references.put(table + "/" + text, record.source().reference());
        if (table.equals("visit_occurrence")) {
            encounterRows.put(record.source().id(), text);
        }
        return text;
    }

    /** A condition's encounter: the visit row written for it (encounters sort before their conditions only by date, so rows are linked at the end). */
    private String encounterRowId(String encounterId)
    {
        return "{visit:" + encounterId + "}";
    }

    /** The concept id of the concept's n-th coding (0: the standard concept column, 1: the source concept column), or 0. */
    private String conceptId(Concept concept, int n)
    {
        List<Coding> codings = concept.codings().stream().filter(coding -> coding.system() != null && coding.code() != null).toList();
        if (codings.size() <= n) {
            return "0";
        }
        Coding coding = codings.get(n);
        String key = coding.system() + "|" + coding.code();
        conceptCodings.putIfAbsent(key, coding);
        if (conventions.vocabulary(coding.system()) == null) {
            localVocabularies.computeIfAbsent(coding.system(), system -> "casebook " + (localVocabularies.size() + 1));
        }
        return Long.toString(conceptIds.computeIfAbsent(key, ignored -> FIRST_CONCEPT_ID + conceptIds.size()));
    }

    /** The record's text (or, without text, the display of a coding OMOP cannot hold) as the source value. */
    private static String sourceValue(Concept concept)
    {
        if (concept.text() != null) {
            return concept.text();
        }
        return "";
    }

    private static String day(FhirDate date)
    {
        return date.date().toString();
    }

    private static String dateTime(FhirDate date)
    {
        return date.time() == null ? "" : date.date() + " " + date.time().withNano(0);
    }

    private void seen(LocalDate date)
    {
        if (date.isAfter(latest)) {
            latest = date;
        }
    }

    private void row(String table, String... values)
    {
        tables.get(table).append(Csv.row(values));
    }

    private void writeIds(Path file)
            throws IOException
    {
        StringBuilder text = new StringBuilder("omop,fhir\n");
        new java.util.TreeMap<>(references).forEach((omop, fhir) -> text.append(Csv.row(omop, fhir)));
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }

    private void writeFiles(Path folder)
            throws IOException
    {
        Files.createDirectories(folder);
        LocalDate release = latest.plusDays(1);
        for (Map.Entry<String, StringBuilder> table : tables.entrySet()) {
            String text = table.getValue().toString().replace("{open}", release.toString());
            StringBuilder linked = new StringBuilder(text.length());
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\{visit:([^}]*)\\}").matcher(text);
            while (matcher.find()) {
                matcher.appendReplacement(linked, encounterRows.getOrDefault(matcher.group(1), ""));
            }
            matcher.appendTail(linked);
            Files.writeString(folder.resolve(table.getKey() + ".csv"), linked.toString(), StandardCharsets.UTF_8);
        }
        Files.writeString(folder.resolve("CDM_SOURCE.csv"), "cdm_source_name,source_release_date,cdm_release_date,cdm_version\n"
                + Csv.row("casebook synth", release.toString(), release.toString(), "5.4"), StandardCharsets.UTF_8);
        StringBuilder concepts = new StringBuilder("concept_id,concept_name,domain_id,vocabulary_id,concept_class_id,standard_concept,concept_code,valid_start_date,valid_end_date,invalid_reason\n");
        for (Map.Entry<String, Long> concept : conceptIds.entrySet()) {
            Coding coding = conceptCodings.get(concept.getKey());
            String vocabulary = conventions.vocabulary(coding.system()) != null ? conventions.vocabulary(coding.system()) : localVocabularies.get(coding.system());
            concepts.append(Csv.row(concept.getValue().toString(), coding.display() == null ? "" : coding.display(), "", vocabulary, "",
                    "", coding.code(), "1970-01-01", "2099-12-31", ""));
        }
        Files.writeString(folder.resolve("CONCEPT.csv"), concepts.toString(), StandardCharsets.UTF_8);
        // local code systems: a vocabulary of their own, its reference the code system URI
        StringBuilder vocabularies = new StringBuilder("vocabulary_id,vocabulary_name,vocabulary_reference,vocabulary_version,vocabulary_concept_id\n");
        localVocabularies.forEach((system, id) -> vocabularies.append(Csv.row(id, system, system, "", "0")));
        Files.writeString(folder.resolve("VOCABULARY.csv"), vocabularies.toString(), StandardCharsets.UTF_8);
    }
}
