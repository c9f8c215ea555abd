package org.casebook.screening.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonGenerator;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.screening.local.ProgressListener;

import static org.casebook.screening.synth.BulkExportWriter.concept;
import static org.casebook.screening.synth.BulkExportWriter.period;
import static org.casebook.screening.synth.BulkExportWriter.quantity;

/**
 * A synthetic hospital: writes a FHIR R4 bulk-data export of {@code patients} patients, deterministic
 * for a seed, in constant memory (one patient at a time; only the planted candidates' expected rows
 * are kept). Most patients are unrelated outpatients; many have RA, ILD or both, with admissions of
 * every kind; a planted set of {@link Variant}s (eligible patients with full timelines and named
 * near misses of every rule) is spread through the population. Beside the data, {@code expected/}
 * holds the screening result the protocol must give: {@code screening.csv} (the log's first six
 * columns), the case workbook's {@code cases.csv}, {@code measurements.csv}, {@code ct_studies.csv},
 * and {@code planted.csv} naming each planted patient's variant.
 */
public final class SyntheticHospital
{
    static final String LOINC = "http://loinc.org";
    static final String SNOMED = "http://snomed.info/sct";
    static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    static final String STOP_REASON = "http://terminology.hl7.org/CodeSystem/medicationrequest-status-reason";
    static final String OFFSET = "+09:00";
    /** One cycle of planted patients: six eligible, then every other variant once. */
    static final List<Variant> CYCLE = cycle();

    private final long seed;
    private final int patients;
    private final boolean gzip;

    public SyntheticHospital(long seed, int patients, boolean gzip)
    {
        if (patients < CYCLE.size()) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "the synthetic hospital needs at least " + CYCLE.size() + " patients (one of each planted variant), got " + patients);
        }
        this.seed = seed;
        this.patients = patients;
        this.gzip = gzip;
    }

    private static List<Variant> cycle()
    {
        List<Variant> cycle = new ArrayList<>();
        for (int index = 0; index < 5; index++) {
            cycle.add(Variant.ELIGIBLE);
        }
        for (Variant variant : Variant.values()) {
            cycle.add(variant);
        }
        return List.copyOf(cycle);
    }

    /** What was written. */
    public record Summary(int patients, long resources, int planted, int included, int candidates) {}

    /** The planted variant of patient {@code index}, or null for a background patient; spreads the planted patients evenly. */
    Variant variantOf(int index)
    {
        int planted = plantedCount();
        // planted patient j sits at index floor(j * patients / planted)
        long j = ((long) index * planted + planted - 1) / patients;
        if (j < planted && j * patients / planted == index) {
            return CYCLE.get((int) (j % CYCLE.size()));
        }
        return null;
    }

    int plantedCount()
    {
        int cycles = Math.max(1, patients / 1000);
        return Math.min(patients, cycles * CYCLE.size());
    }

    static String patientId(int index)
    {
        return String.format("pt%07d", index + 1);
    }

    public Summary write(Path folder, ProgressListener progress)
    {
        try {
            Files.createDirectories(folder.resolve("expected"));
            Expected expected = new Expected();
            try (BulkExportWriter out = new BulkExportWriter(folder, gzip);
                    Writer planted = Files.newBufferedWriter(folder.resolve("expected/planted.csv"), StandardCharsets.UTF_8)) {
                planted.write("patient_id,variant,outcome,reason\n");
                Catalog.writeMedications(out);
                progress.start("synth: patients", patients, ProgressListener.Unit.PATIENTS);
                for (int index = 0; index < patients; index++) {
                    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
                    PatientWriter patient = new PatientWriter(out, patientId(index), index, random);
                    Variant variant = variantOf(index);
                    if (variant == null) {
                        new BackgroundPatient(patient, expected).write();
                    }
                    else {
                        new PlantedPatient(patient, variant, expected).write();
                        planted.write(patient.id() + "," + variant.slug() + "," + variant.outcome().name().toLowerCase(java.util.Locale.ROOT) + ","
                                + (variant.reason() == null ? "" : variant.reason()) + "\n");
                    }
                    progress.advance(1);
                }
                progress.finish();
                expected.write(folder.resolve("expected"));
                return new Summary(patients, out.resources(), plantedCount(), expected.included.size(), expected.included.size() + expected.excluded.size());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- expected result -------------------------------------------------------------------------

    record ExpectedRow(String patientId, LocalDate dayZero, String encounterId, String reason) {}

    /** An included patient's planted values, as the workbook rows screening must write. */
    record ExpectedCase(String patientId, LocalDate dayZero, String casesRow, List<String> measurementRows, List<String> ctRows) {}

    static final class Expected
    {
        final List<ExpectedCase> included = new ArrayList<>();
        final List<ExpectedRow> includedRows = new ArrayList<>();
        final List<ExpectedRow> excluded = new ArrayList<>();

        void write(Path folder)
                throws IOException
        {
            List<Integer> order = new ArrayList<>();
            for (int index = 0; index < included.size(); index++) {
                order.add(index);
            }
            order.sort(Comparator.comparing((Integer index) -> included.get(index).dayZero()).thenComparing(index -> included.get(index).patientId()));
            try (Writer screening = Files.newBufferedWriter(folder.resolve("screening.csv"), StandardCharsets.UTF_8);
                    Writer cases = Files.newBufferedWriter(folder.resolve("cases.csv"), StandardCharsets.UTF_8);
                    Writer measurements = Files.newBufferedWriter(folder.resolve("measurements.csv"), StandardCharsets.UTF_8);
                    Writer ct = Files.newBufferedWriter(folder.resolve("ct_studies.csv"), StandardCharsets.UTF_8)) {
                screening.write("case_no,patient_id,status,day0,encounter_id,reason\n");
                cases.write(String.join(",", PlantedPatient.CASE_COLUMNS) + "\n");
                measurements.write("patient_id,timepoint,variable,value,unit,date,source\n");
                ct.write("patient_id,timepoint,date,study_id,source\n");
                int caseNumber = 0;
                for (int index : order) {
                    ExpectedRow row = includedRows.get(index);
                    ExpectedCase value = included.get(index);
                    screening.write(++caseNumber + "," + row.patientId() + ",included," + row.dayZero() + "," + row.encounterId() + ",\n");
                    cases.write(value.casesRow() + "\n");
                    for (String line : value.measurementRows()) {
                        measurements.write(line + "\n");
                    }
                    for (String line : value.ctRows()) {
                        ct.write(line + "\n");
                    }
                }
                for (ExpectedRow row : excluded.stream().sorted(Comparator.comparing(ExpectedRow::patientId)).toList()) {
                    screening.write("," + row.patientId() + ",excluded,," + row.encounterId() + "," + row.reason() + "\n");
                }
            }
        }
    }

    // --- one patient's records -------------------------------------------------------------------

    /** Writes one patient's resources, naming them {@code <patient>-<kind><n>} and tracking the latest date written. */
    static final class PatientWriter
    {
        private final BulkExportWriter out;
        private final String id;
        private final int index;
        final SplittableRandom random;
        private int counter;
        private LocalDate latest;

        PatientWriter(BulkExportWriter out, String id, int index, SplittableRandom random)
        {
            this.out = out;
            this.id = id;
            this.index = index;
            this.random = random;
        }

        String id()
        {
            return id;
        }

        String reference()
        {
            return "Patient/" + id;
        }

        String nextId(String kind)
        {
            return id + "-" + kind + (++counter);
        }

        LocalDate latest()
        {
            return latest;
        }

        /** Notes a date written on a record (any FHIR precision; only day-precise ones can be the latest). */
        void dated(String fhirDate)
        {
            if (fhirDate != null && fhirDate.length() >= 10) {
                LocalDate date = LocalDate.parse(fhirDate.substring(0, 10));
                if (latest == null || date.isAfter(latest)) {
                    latest = date;
                }
            }
        }

        JsonGenerator begin(String type, String resourceId)
                throws IOException
        {
            String file = type.equals("Observation") ? "Observation-" + (index % 2 + 1) : type;
            JsonGenerator json = out.begin(file, type, resourceId);
            if (!type.equals("Patient")) {
                BulkExportWriter.reference(json, "subject", reference());
            }
            return json;
        }

        void end(JsonGenerator json)
                throws IOException
        {
            out.end(json);
        }

        int between(int from, int to)
        {
            return random.nextInt(from, to + 1);
        }

        boolean chance(double probability)
        {
            return random.nextDouble() < probability;
        }

        // --- resources ---------------------------------------------------------------------------

        void patient(LocalDate birthDate, String gender, String deceased)
                throws IOException
        {
            JsonGenerator json = out.begin("Patient", "Patient", id);
            json.writeArrayFieldStart("identifier");
            json.writeStartObject();
            json.writeStringField("system", "urn:oid:1.2.392.200119.6.102");
            json.writeStringField("value", "MRN" + id.substring(2));
            json.writeEndObject();
            json.writeEndArray();
            json.writeArrayFieldStart("name");
            json.writeStartObject();
            json.writeStringField("family", Catalog.FAMILY_NAMES[random.nextInt(Catalog.FAMILY_NAMES.length)]);
            json.writeArrayFieldStart("given");
            json.writeString(gender.equals("female") ? "Hanako" : "Taro");
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeStringField("gender", gender);
            json.writeStringField("birthDate", birthDate.toString());
            if (deceased != null) {
                json.writeStringField("deceasedDateTime", deceased);
                dated(deceased);
            }
            out.end(json);
        }

        /** An encounter; {@code end} may be null (still open); reasons as in {@link Reason}. */
        String encounter(String classCode, String status, String start, String end, Reason reason)
                throws IOException
        {
            String encounterId = nextId("enc");
            JsonGenerator json = begin("Encounter", encounterId);
            json.writeStringField("status", status);
            json.writeObjectFieldStart("class");
            json.writeStringField("system", ACT_CODE);
            json.writeStringField("code", classCode);
            json.writeEndObject();
            if (start != null || end != null) {
                period(json, "period", start, end);
            }
            if (reason != null) {
                reason.write(json);
            }
            end(json);
            dated(start);
            dated(end);
            return encounterId;
        }

        /** An encounter's reason: a code in reasonCode, or a Condition named in reasonReference or diagnosis. */
        record Reason(String system, String code, String display, String conditionId, boolean asDiagnosis)
        {
            static Reason code(String system, String code, String display)
            {
                return new Reason(system, code, display, null, false);
            }

            static Reason condition(String conditionId)
            {
                return new Reason(null, null, null, conditionId, false);
            }

            static Reason diagnosis(String conditionId)
            {
                return new Reason(null, null, null, conditionId, true);
            }

            void write(JsonGenerator json)
                    throws IOException
            {
                if (system != null) {
                    json.writeArrayFieldStart("reasonCode");
                    concept(json, null, system, code, display, display);
                    json.writeEndArray();
                }
                else if (asDiagnosis) {
                    json.writeArrayFieldStart("diagnosis");
                    json.writeStartObject();
                    BulkExportWriter.reference(json, "condition", "Condition/" + conditionId);
                    json.writeEndObject();
                    json.writeEndArray();
                }
                else {
                    json.writeArrayFieldStart("reasonReference");
                    json.writeStartObject();
                    json.writeStringField("reference", "Condition/" + conditionId);
                    json.writeEndObject();
                    json.writeEndArray();
                }
            }
        }

        String condition(String system, String code, String display, String verification, String onset, String recorded, String encounterId)
                throws IOException
        {
            String conditionId = nextId("cond");
            JsonGenerator json = begin("Condition", conditionId);
            concept(json, "clinicalStatus", CLINICAL, "active", null, null);
            concept(json, "verificationStatus", VERIFICATION, verification, null, null);
            concept(json, "code", system, code, display, display);
            if (encounterId != null) {
                BulkExportWriter.reference(json, "encounter", "Encounter/" + encounterId);
            }
            if (onset != null) {
                json.writeStringField("onsetDateTime", onset);
            }
            if (recorded != null) {
                json.writeStringField("recordedDate", recorded);
            }
            end(json);
            dated(onset);
            dated(recorded);
            return conditionId;
        }

        String observation(String category, String code, String display, BigDecimal value, String unit, String ucum, String effective, String encounterId)
                throws IOException
        {
            String observationId = nextId("obs");
            JsonGenerator json = begin("Observation", observationId);
            json.writeStringField("status", "final");
            json.writeArrayFieldStart("category");
            concept(json, null, "http://terminology.hl7.org/CodeSystem/observation-category", category, null, null);
            json.writeEndArray();
            concept(json, "code", LOINC, code, display, display);
            if (encounterId != null) {
                BulkExportWriter.reference(json, "encounter", "Encounter/" + encounterId);
            }
            json.writeStringField("effectiveDateTime", effective);
            json.writeStringField("issued", effective.length() > 10 ? effective : effective + "T12:00:00" + OFFSET);
            quantity(json, "valueQuantity", value, unit, ucum);
            end(json);
            dated(effective);
            return observationId;
        }

        /** The vital signs and a blood count taken at a visit: fourteen Observations. */
        void vitalsAndLabs(String dateTime, String encounterId)
                throws IOException
        {
            observation("vital-signs", "8867-4", "Heart rate", BigDecimal.valueOf(between(55, 110)), "/min", "/min", dateTime, encounterId);
            observation("vital-signs", "9279-1", "Respiratory rate", BigDecimal.valueOf(between(12, 24)), "/min", "/min", dateTime, encounterId);
            observation("vital-signs", "8480-6", "Systolic blood pressure", BigDecimal.valueOf(between(100, 170)), "mmHg", "mm[Hg]", dateTime, encounterId);
            observation("vital-signs", "8462-4", "Diastolic blood pressure", BigDecimal.valueOf(between(55, 100)), "mmHg", "mm[Hg]", dateTime, encounterId);
            observation("vital-signs", "8310-5", "Body temperature", BigDecimal.valueOf(between(358, 382), 1), "Cel", "Cel", dateTime, encounterId);
            observation("vital-signs", "59408-5", "Oxygen saturation by pulse oximetry", BigDecimal.valueOf(between(88, 100)), "%", "%", dateTime, encounterId);
            observation("vital-signs", "29463-7", "Body weight", BigDecimal.valueOf(between(420, 950), 1), "kg", "kg", dateTime, encounterId);
            observation("vital-signs", "8302-2", "Body height", BigDecimal.valueOf(between(1450, 1850), 1), "cm", "cm", dateTime, encounterId);
            observation("laboratory", "6690-2", "Leukocytes", BigDecimal.valueOf(between(30, 150), 1), "10*3/uL", "10*3/uL", dateTime, encounterId);
            observation("laboratory", "718-7", "Hemoglobin", BigDecimal.valueOf(between(95, 165), 1), "g/dL", "g/dL", dateTime, encounterId);
            observation("laboratory", "777-3", "Platelets", BigDecimal.valueOf(between(120, 420)), "10*3/uL", "10*3/uL", dateTime, encounterId);
            observation("laboratory", "1988-5", "C reactive protein", BigDecimal.valueOf(between(0, 150), 1), "mg/L", "mg/L", dateTime, encounterId);
            observation("laboratory", "2532-0", "Lactate dehydrogenase", BigDecimal.valueOf(between(120, 450)), "U/L", "U/L", dateTime, encounterId);
            observation("laboratory", "2160-0", "Creatinine", BigDecimal.valueOf(between(5, 20), 1), "mg/dL", "mg/dL", dateTime, encounterId);
        }

        /** A drug record; see {@link Drug}. Returns the record's id. */
        String medication(Drug drug)
                throws IOException
        {
            String resourceId = nextId(drug.kind().idPrefix);
            JsonGenerator json = begin(drug.kind().resourceType, resourceId);
            if (drug.containedCode() != null) {
                json.writeArrayFieldStart("contained");
                json.writeStartObject();
                json.writeStringField("resourceType", "Medication");
                json.writeStringField("id", "med1");
                concept(json, "code", drug.containedCode().system(), drug.containedCode().code(), drug.containedCode().display(), drug.containedCode().display());
                json.writeEndObject();
                json.writeEndArray();
            }
            json.writeStringField("status", drug.status());
            if (drug.kind() == Drug.Kind.REQUEST || drug.kind() == Drug.Kind.DEVICE_REQUEST) {
                json.writeStringField("intent", "order");
            }
            if (drug.kind() == Drug.Kind.DEVICE_REQUEST) {
                concept(json, "codeCodeableConcept", drug.code().system(), drug.code().code(), drug.code().display(), drug.code().display());
            }
            else if (drug.containedCode() != null) {
                BulkExportWriter.reference(json, "medicationReference", "#med1");
            }
            else if (drug.medicationId() != null) {
                BulkExportWriter.reference(json, "medicationReference", "Medication/" + drug.medicationId());
            }
            else {
                concept(json, "medicationCodeableConcept", drug.code().system(), drug.code().code(), drug.code().display(), drug.code().text());
            }
            if (drug.statusReason() != null) {
                if (drug.kind() == Drug.Kind.STATEMENT) {
                    json.writeArrayFieldStart("statusReason");
                    concept(json, null, drug.statusReason().system(), drug.statusReason().code(), drug.statusReason().display(), drug.statusReason().text());
                    json.writeEndArray();
                }
                else {
                    concept(json, "statusReason", drug.statusReason().system(), drug.statusReason().code(), drug.statusReason().display(), drug.statusReason().text());
                }
            }
            switch (drug.kind()) {
                case ADMINISTRATION -> {
                    json.writeStringField("effectiveDateTime", drug.start());
                    if (drug.dose() != null) {
                        json.writeObjectFieldStart("dosage");
                        quantity(json, "dose", drug.dose(), drug.doseUnit(), drug.doseUnit());
                        json.writeEndObject();
                    }
                }
                case REQUEST, DEVICE_REQUEST -> {
                    json.writeStringField("authoredOn", drug.start());
                    if (drug.dose() != null) {
                        json.writeArrayFieldStart("dosageInstruction");
                        json.writeStartObject();
                        json.writeArrayFieldStart("doseAndRate");
                        json.writeStartObject();
                        quantity(json, "doseQuantity", drug.dose(), drug.doseUnit(), drug.doseUnit());
                        json.writeEndObject();
                        json.writeEndArray();
                        json.writeEndObject();
                        json.writeEndArray();
                    }
                    if (drug.end() != null) {
                        json.writeObjectFieldStart("dispenseRequest");
                        period(json, "validityPeriod", drug.start(), drug.end());
                        json.writeEndObject();
                    }
                }
                case STATEMENT -> {
                    period(json, "effectivePeriod", drug.start(), drug.end());
                    if (drug.dose() != null) {
                        json.writeArrayFieldStart("dosage");
                        json.writeStartObject();
                        json.writeArrayFieldStart("doseAndRate");
                        json.writeStartObject();
                        quantity(json, "doseQuantity", drug.dose(), drug.doseUnit(), drug.doseUnit());
                        json.writeEndObject();
                        json.writeEndArray();
                        json.writeEndObject();
                        json.writeEndArray();
                    }
                }
            }
            end(json);
            dated(drug.start());
            dated(drug.end());
            return resourceId;
        }

        String imagingStudy(String modality, String started)
                throws IOException
        {
            String studyId = nextId("img");
            JsonGenerator json = begin("ImagingStudy", studyId);
            json.writeStringField("status", "available");
            json.writeArrayFieldStart("modality");
            BulkExportWriter.coding(json, DICOM, modality, null);
            json.writeEndArray();
            json.writeStringField("started", started);
            json.writeArrayFieldStart("series");
            json.writeStartObject();
            json.writeStringField("uid", "1.2.392.200036." + (index + 1) + "." + counter);
            json.writeObjectFieldStart("modality");
            json.writeStringField("system", DICOM);
            json.writeStringField("code", modality);
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
            end(json);
            dated(started);
            return studyId;
        }

        /** A procedure: a resource type screening does not read, so it is counted as ignored. */
        void procedure(String code, String display, String performed)
                throws IOException
        {
            JsonGenerator json = begin("Procedure", nextId("proc"));
            json.writeStringField("status", "completed");
            concept(json, "code", SNOMED, code, display, display);
            json.writeStringField("performedDateTime", performed);
            end(json);
        }
    }

    static String at(LocalDate date, int hour, int minute)
    {
        return String.format("%sT%02d:%02d:00%s", date, hour, minute, OFFSET);
    }

    static int age(LocalDate birthDate, LocalDate on)
    {
        return Period.between(birthDate, on).getYears();
    }

    static BigDecimal ratio(BigDecimal pao2MmHg, BigDecimal fio2Fraction)
    {
        return unroundedRatio(pao2MmHg, fio2Fraction).setScale(1, RoundingMode.HALF_UP);
    }

    /** The ratio to ten decimals, as screening compares them. */
    static BigDecimal unroundedRatio(BigDecimal pao2MmHg, BigDecimal fio2Fraction)
    {
        return pao2MmHg.divide(fio2Fraction, 10, RoundingMode.HALF_UP);
    }
}
