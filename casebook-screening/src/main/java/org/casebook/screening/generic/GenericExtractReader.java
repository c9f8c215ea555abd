package org.casebook.screening.generic;

import org.casebook.screening.local.Csv;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.Quantity;
import org.casebook.screening.fhir.RecordRef;
import org.casebook.screening.local.ExtractFile;

import static org.casebook.screening.generic.Json.concept;
import static org.casebook.screening.generic.Json.concepts;
import static org.casebook.screening.generic.Json.date;
import static org.casebook.screening.generic.Json.periodDate;
import static org.casebook.screening.generic.Json.text;

/**
 * Reads a FHIR R4 bulk export into per-patient facts, simply: every line of every file of a type
 * it reads is parsed into a tree (Medication files first, so references resolve), checked, turned
 * into a {@link GenericRecord} and grouped by patient. Lines it cannot use are logged in
 * {@code skipped.csv} (or stop a strict run).
 */
public final class GenericExtractReader
{
    /** FHIR type → record kind; Patient and Medication are read too, as facts of their own. */
    static final Map<String, String> KINDS = Map.of(
            "Encounter", "encounter",
            "Condition", "condition",
            "MedicationAdministration", "medication",
            "MedicationRequest", "medication",
            "MedicationStatement", "medication",
            "Observation", "observation",
            "Procedure", "procedure",
            "DeviceRequest", "device_request",
            "ImagingStudy", "imaging_study");
    private static final String VERIFICATION_STATUS_SYSTEM = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    /** Decimals as written (a value of 81.0 stays 81.0, 36062.40 stays 36062.40), as the seed engine reads them. */
    private final ObjectMapper mapper = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
    private final boolean strict;
    private final Writer skipped;
    private final GenericFlow flow;
    private final Map<String, Concept> medications = new HashMap<>();
    private final Map<String, List<GenericRecord>> records = new HashMap<>();
    private final Map<String, JsonNode> patients = new HashMap<>();
    private final Map<String, RecordRef> patientSources = new HashMap<>();
    /** The latest day on each patient's records, by kind, the first read on a tie. */
    private final Map<String, Map<String, GenericPatient.Dated>> latest = new HashMap<>();

    private final java.util.function.Predicate<GenericRecord> keep;

    private GenericExtractReader(boolean strict, Writer skipped, GenericFlow flow, java.util.function.Predicate<GenericRecord> keep)
    {
        this.keep = keep;
        this.strict = strict;
        this.skipped = skipped;
        this.flow = flow;
    }

    /**
     * @param skipped receives {@code skipped.csv} (header included)
     * @return every patient named by a Patient resource or a record, by patient id
     */
    public static Map<String, GenericPatient> read(java.nio.file.Path folder, boolean strict, Writer skipped, GenericFlow flow)
            throws IOException
    {
        return read(folder, strict, skipped, flow, record -> true);
    }

    /**
     * @param keep which records to keep once read and checked (records that cannot matter to any rule may be dropped; all are counted)
     */
    public static Map<String, GenericPatient> read(java.nio.file.Path folder, boolean strict, Writer skipped, GenericFlow flow, java.util.function.Predicate<GenericRecord> keep)
            throws IOException
    {
        GenericExtractReader reader = new GenericExtractReader(strict, skipped, flow, keep);
        skipped.write("file,line,reason,detail\n");
        List<ExtractFile> files = ExtractFile.list(folder);
        for (ExtractFile file : files) {
            if (file.typeName().equals("Medication")) {
                reader.readFile(file);
            }
        }
        for (ExtractFile file : files) {
            if (!file.typeName().equals("Medication")) {
                reader.readFile(file);
            }
        }
        return reader.patients();
    }

    private Map<String, GenericPatient> patients()
    {
        Set<String> ids = new HashSet<>(records.keySet());
        ids.addAll(patients.keySet());
        Map<String, GenericPatient> result = new TreeMap<>();
        for (String id : ids) {
            JsonNode patient = patients.get(id);
            result.put(id, new GenericPatient(id, patientSources.get(id),
                    patient == null ? null : date(patient, "birthDate"),
                    patient == null ? null : text(patient, "gender"),
                    patient == null ? null : date(patient, "deceasedDateTime"),
                    records.getOrDefault(id, List.of()),
                    latest.getOrDefault(id, Map.of())));
        }
        return result;
    }

    private void readFile(ExtractFile file)
            throws IOException
    {
        String type = file.typeName();
        boolean known = type.equals("Patient") || type.equals("Medication") || KINDS.containsKey(type);
        try (InputStream raw = Files.newInputStream(file.path());
                InputStream in = file.isGzip() ? new GZIPInputStream(raw, 1 << 16) : raw;
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            long number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                if (!known) {
                    GenericFlow.increment(flow.resourcesIgnored, type);
                    continue;
                }
                readLine(file, type, line, number);
            }
        }
        catch (EOFException | ZipException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, file.name() + ": truncated or corrupt gzip file (" + e.getMessage() + ")", e);
        }
    }

    private void readLine(ExtractFile file, String type, String line, long number)
            throws IOException
    {
        JsonNode node;
        try {
            node = mapper.readTree(line);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
        }
        catch (IOException | RuntimeException e) {
            skip(file, number, "malformed_json", firstLine(e.getMessage()));
            return;
        }
        String resourceType = text(node, "resourceType");
        if (!type.equals(resourceType)) {
            skip(file, number, "wrong_resource_type", "expected " + type + ", found " + resourceType);
            return;
        }
        String id = text(node, "id");
        if (id == null || id.isBlank()) {
            skip(file, number, "no_id", "");
            return;
        }
        RecordRef source = new RecordRef(type, id, file.name(), number);
        if (type.equals("Medication")) {
            medications.put(id, concept(node.get("code")));
            GenericFlow.increment(flow.resourcesRead, type);
            return;
        }
        if (type.equals("Patient")) {
            flow.patientsInExtract++;
            if (!patients.containsKey(id)) {
                noteDay(id, "patient", date(node, "deceasedDateTime"), source);
            }
            patients.putIfAbsent(id, node);
            patientSources.putIfAbsent(id, source);
            GenericFlow.increment(flow.resourcesRead, type);
            return;
        }
        String patientId = Json.referenceId(node.get("subject"), "Patient").orElse(null);
        if (patientId == null) {
            skip(file, number, "no_subject", "no subject reference to a Patient");
            return;
        }
        GenericFlow.increment(flow.resourcesRead, type);
        GenericRecord record = record(type, node, source);
        for (FhirDate day : writtenDates(type, node, record)) {
            noteDay(patientId, record.kind(), day, source);
        }
        if (keep.test(record)) {
            records.computeIfAbsent(patientId, key -> new ArrayList<>()).add(record);
        }
    }

    /** Notes a day-precise date written on a patient's record of a kind (a later one replaces it; the first read wins a tie). */
    private void noteDay(String patientId, String kind, FhirDate date, RecordRef source)
    {
        if (date == null || !date.isDayPrecise()) {
            return;
        }
        Map<String, GenericPatient.Dated> byKind = latest.computeIfAbsent(patientId, key -> new HashMap<>());
        GenericPatient.Dated known = byKind.get(kind);
        if (known == null || FhirDate.ORDER.compare(date, known.date()) > 0) {
            byKind.put(kind, new GenericPatient.Dated(date, source));
        }
    }

    /** The dates written on a record that tell the patient was seen then: its dates, an end, a condition's abatement, a statement's assertion. */
    private static List<FhirDate> writtenDates(String type, JsonNode node, GenericRecord record)
    {
        List<FhirDate> dates = new ArrayList<>(record.dates());
        if (record.end() != null) {
            dates.add(record.end());
        }
        switch (type) {
            case "Condition" -> dates.add(date(node, "abatementDateTime"));
            case "MedicationAdministration", "MedicationRequest", "MedicationStatement" -> dates.add(date(node, "dateAsserted"));
            case "Observation" -> dates.add(periodDate(node, "effectivePeriod", "end"));
            default -> { }
        }
        return dates;
    }

    private GenericRecord record(String type, JsonNode node, RecordRef source)
    {
        String kind = KINDS.get(type);
        return switch (type) {
            case "Encounter" -> encounter(node, source);
            case "Condition" -> condition(node, source);
            case "MedicationAdministration" -> medication(node, source, "administration", effectiveStart(node), periodDate(node, "effectivePeriod", "end"),
                    doses(List.of(node.path("dosage").path("dose"))));
            case "MedicationRequest" -> medication(node, source, "request", date(node, "authoredOn"), periodDate(node.path("dispenseRequest"), "validityPeriod", "end"),
                    doses(doseQuantities(node.get("dosageInstruction"))));
            case "MedicationStatement" -> medication(node, source, "statement", effectiveStart(node), periodDate(node, "effectivePeriod", "end"),
                    doses(doseQuantities(node.get("dosage"))));
            case "Observation" -> {
                FhirDate effective = first(date(node, "effectiveDateTime"), periodDate(node, "effectivePeriod", "start"), date(node, "effectiveInstant"));
                yield simple(kind, source, text(node, "status"), List.of(concept(node.get("code"))), effective,
                        Json.quantity(node.get("valueQuantity")), concept(node.get("valueCodeableConcept")), Set.of());
            }
            case "Procedure" -> simple(kind, source, text(node, "status"), List.of(concept(node.get("code"))),
                    first(date(node, "performedDateTime"), periodDate(node, "performedPeriod", "start")), null, Concept.EMPTY, Set.of());
            case "DeviceRequest" -> simple(kind, source, text(node, "status"), List.of(concept(node.get("codeCodeableConcept"))),
                    first(date(node, "authoredOn"), date(node, "occurrenceDateTime"), periodDate(node, "occurrencePeriod", "start")), null, Concept.EMPTY, Set.of());
            case "ImagingStudy" -> simple(kind, source, text(node, "status"), concepts(node.get("procedureCode")), date(node, "started"), null, Concept.EMPTY, modalities(node));
            default -> throw new IllegalArgumentException("not a record type: " + type);
        };
    }

    private static GenericRecord simple(String kind, RecordRef source, String status, List<Concept> concepts, FhirDate date, Quantity value, Concept valueConcept,
            Set<String> modalities)
    {
        return new GenericRecord(kind, source, null, status, concepts, date, date == null ? List.of() : List.of(date), null, null, List.of(), null,
                value, valueConcept, List.of(), modalities);
    }

    private static GenericRecord encounter(JsonNode node, RecordRef source)
    {
        List<String> conditionIds = new ArrayList<>();
        JsonNode reasonReferences = node.get("reasonReference");
        if (reasonReferences != null && reasonReferences.isArray()) {
            reasonReferences.forEach(reference -> Json.referenceId(reference, "Condition").ifPresent(conditionIds::add));
        }
        JsonNode diagnoses = node.get("diagnosis");
        if (diagnoses != null && diagnoses.isArray()) {
            diagnoses.forEach(diagnosis -> Json.referenceId(diagnosis.get("condition"), "Condition").ifPresent(conditionIds::add));
        }
        FhirDate start = periodDate(node, "period", "start");
        return new GenericRecord("encounter", source, null, text(node, "status"), concepts(node.get("reasonCode")), start,
                start == null ? List.of() : List.of(start), periodDate(node, "period", "end"), Json.firstCode(node.get("class")), conditionIds, null,
                null, Concept.EMPTY, List.of(), Set.of());
    }

    private static GenericRecord condition(JsonNode node, RecordRef source)
    {
        List<FhirDate> dates = new ArrayList<>();
        for (FhirDate date : new FhirDate[] {date(node, "onsetDateTime"), periodDate(node, "onsetPeriod", "start"), date(node, "recordedDate")}) {
            if (date != null) {
                dates.add(date);
            }
        }
        FhirDate day = dates.stream().filter(FhirDate::isDayPrecise).min(FhirDate.ORDER).orElse(null);
        return new GenericRecord("condition", source, null, verificationStatus(node.get("verificationStatus")), List.of(concept(node.get("code"))), day, dates,
                null, null, List.of(), Json.referenceId(node.get("encounter"), "Encounter").orElse(null), null, Concept.EMPTY, List.of(), Set.of(),
                date(node, "recordedDate"), List.of());
    }

    private GenericRecord medication(JsonNode node, RecordRef source, String recordType, FhirDate date, FhirDate end, List<Quantity> doses)
    {
        return new GenericRecord("medication", source, recordType, text(node, "status"), List.of(drug(node)), date, date == null ? List.of() : List.of(date),
                end, null, List.of(), null, null, Concept.EMPTY, doses, Set.of(), null, concepts(node.get("statusReason")));
    }

    /** The verificationStatus code: the HL7 coding's when there is one, else the first code (or a bare string). */
    private static String verificationStatus(JsonNode node)
    {
        if (node != null && node.isTextual()) {
            return node.asText();
        }
        return concept(node).codings().stream()
                .filter(coding -> VERIFICATION_STATUS_SYSTEM.equals(coding.system()) && coding.code() != null)
                .map(org.casebook.screening.fhir.Coding::code)
                .findFirst()
                .orElseGet(() -> Json.firstCode(node));
    }

    /** The drug: the record's own concept, a contained Medication ({@code #id}), or a Medication resource. */
    private Concept drug(JsonNode node)
    {
        if (node.has("medicationCodeableConcept")) {
            return concept(node.get("medicationCodeableConcept"));
        }
        String reference = text(node.path("medicationReference"), "reference");
        if (reference == null) {
            return Concept.EMPTY;
        }
        if (reference.startsWith("#")) {
            String id = reference.substring(1);
            JsonNode contained = node.get("contained");
            if (contained != null && contained.isArray()) {
                for (JsonNode resource : contained) {
                    if (id.equals(text(resource, "id"))) {
                        return concept(resource.get("code"));
                    }
                }
            }
            GenericFlow.increment(flow.referencesMissing, "contained Medication");
            return Concept.EMPTY;
        }
        String id = Json.referenceId(node.get("medicationReference"), "Medication").orElse(null);
        Concept medication = id == null ? null : medications.get(id);
        if (medication == null) {
            GenericFlow.increment(flow.referencesMissing, "Medication");
            return Concept.EMPTY;
        }
        return medication;
    }

    private static Set<String> modalities(JsonNode node)
    {
        Set<String> modalities = new HashSet<>();
        addModalities(node.get("modality"), modalities);
        JsonNode series = node.get("series");
        if (series != null && series.isArray()) {
            series.forEach(element -> addModalities(element.get("modality"), modalities));
        }
        return modalities;
    }

    private static void addModalities(JsonNode node, Set<String> modalities)
    {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(element -> addModalities(element, modalities));
        }
        else if (node.isObject() && text(node, "code") != null) {
            modalities.add(text(node, "code"));
        }
        else if (node.isObject()) {
            concept(node).codings().stream().map(org.casebook.screening.fhir.Coding::code).filter(code -> code != null).forEach(modalities::add);
        }
    }

    private static FhirDate effectiveStart(JsonNode node)
    {
        return first(date(node, "effectiveDateTime"), periodDate(node, "effectivePeriod", "start"));
    }

    private static FhirDate first(FhirDate... dates)
    {
        for (FhirDate date : dates) {
            if (date != null) {
                return date;
            }
        }
        return null;
    }

    private static List<JsonNode> doseQuantities(JsonNode dosages)
    {
        List<JsonNode> quantities = new ArrayList<>();
        if (dosages != null && dosages.isArray()) {
            for (JsonNode dosage : dosages) {
                JsonNode rates = dosage.get("doseAndRate");
                if (rates != null && rates.isArray()) {
                    rates.forEach(rate -> quantities.add(rate.get("doseQuantity")));
                }
            }
        }
        return quantities;
    }

    private static List<Quantity> doses(List<JsonNode> nodes)
    {
        List<Quantity> doses = new ArrayList<>();
        for (JsonNode node : nodes) {
            Quantity quantity = Json.quantity(node);
            if (quantity != null) {
                doses.add(quantity);
            }
        }
        return doses;
    }

    private void skip(ExtractFile file, long line, String reason, String detail)
    {
        if (strict) {
            throw new CasebookException(ErrorCode.BAD_INPUT, file.name() + " line " + line + ": " + reason.replace('_', ' ') + (detail.isEmpty() ? "" : " (" + detail + ")")
                    + "; without --strict such lines are skipped and listed in skipped.csv");
        }
        GenericFlow.increment(flow.linesSkipped, reason);
        try {
            skipped.write(Csv.row(file.name(), Long.toString(line), reason, detail));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String message)
    {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
