package org.casebook.screening.generic;

import org.casebook.screening.local.Csv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseRecords;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.Measurement;
import org.casebook.casedata.SourceRef;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.StudyProtocol;
import org.casebook.schema.CaseSchema;
import org.casebook.screening.fhir.RecordRef;
import org.casebook.workbook.WorkbookWriter;

import static java.util.Objects.requireNonNull;

/**
 * The screening engine for any protocol (docs/screening.md, "Any protocol"): reads the export
 * into per-patient facts, decides each patient with {@link GenericRules}, extracts the included
 * cases with {@link GenericExtractor}, and writes the seed engine's outputs atomically.
 */
public final class GenericScreening
{
    public static final List<String> SCREENING_COLUMNS = List.of("case_no", "patient_id", "status", "day0", "encounter_id", "reason", "evidence", "matched_by_text");

    private final StudyProtocol protocol;
    private final GenericRules rules;
    private final GenericExtractor extractor;
    private final boolean strict;

    /** What a run found: every candidate (included in case order, then excluded by patient id), the cases in case order, the counts. */
    public record Result(List<GenericDecision> candidates, List<GenericCase> cases, GenericFlow flow)
    {
        public Result
        {
            candidates = List.copyOf(candidates);
            cases = List.copyOf(cases);
            requireNonNull(flow, "flow is null");
        }
    }

    /**
     * @param excludedConditionVerification the protocol's {@code extraction.excluded_condition_verification}, or null for the default
     * @param excludedMedicationStatuses the protocol's {@code extraction.excluded_medication_statuses}, or null for the default
     */
    public GenericScreening(StudyProtocol protocol, Set<String> excludedConditionVerification, Set<String> excludedMedicationStatuses, boolean strict)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
        RecordMatcher matcher = new RecordMatcher(protocol,
                excludedConditionVerification == null ? RecordMatcher.DEFAULT_EXCLUDED_CONDITION_VERIFICATION : Set.copyOf(excludedConditionVerification),
                excludedMedicationStatuses == null ? RecordMatcher.DEFAULT_EXCLUDED_MEDICATION_STATUSES : Set.copyOf(excludedMedicationStatuses));
        this.rules = new GenericRules(protocol, matcher);
        this.extractor = new GenericExtractor(protocol, matcher);
        this.strict = strict;
    }

    public StudyProtocol protocol()
    {
        return protocol;
    }

    /** Reads, decides and extracts; skipped lines go to {@code skipped} (skipped.csv with its header). */
    public Result run(Path extract, Writer skipped)
            throws IOException
    {
        GenericFlow flow = new GenericFlow();
        Map<String, GenericPatient> patients = GenericExtractReader.read(extract, strict, skipped, flow, RecordMatcher.mayMatter(protocol, rules.matcher()),
                GenericExtractReader.Candidates.of(protocol));
        List<GenericDecision> decisions = new ArrayList<>();
        for (GenericPatient patient : patients.values()) {
            GenericDecision decision = rules.decide(patient);
            if (decision.isCandidate()) {
                decisions.add(decision);
            }
        }
        List<GenericDecision> included = decisions.stream().filter(GenericDecision::isIncluded)
                .sorted(Comparator.comparing(GenericDecision::dayZero).thenComparing(GenericDecision::patientId))
                .toList();
        List<GenericDecision> excluded = decisions.stream().filter(decision -> !decision.isIncluded())
                .sorted(Comparator.comparing(GenericDecision::patientId))
                .toList();
        List<GenericDecision> ordered = new ArrayList<>(included);
        ordered.addAll(excluded);
        List<GenericCase> cases = new ArrayList<>();
        for (GenericDecision decision : included) {
            cases.add(extractor.extract(patients.get(decision.patientId()), decision));
        }
        List<String> ids = rules.criterionIds();
        flow.withIndexEvent = decisions.size();
        for (int index = 1; index < ids.size(); index++) {
            int met = index;
            flow.afterCriterion.put(ids.get(index), decisions.stream().filter(decision -> decision.criteriaMet() >= met).count());
        }
        for (String id : ids.subList(1, ids.size())) {
            flow.excludedByReason.put(id, decisions.stream().filter(decision -> id.equals(decision.failedCriterion())).count());
        }
        return new Result(ordered, cases, flow);
    }

    /**
     * Screens into {@code out}, written atomically: a hidden {@code .OUT.partial-*} folder beside
     * it, renamed at the end.
     *
     * @throws CasebookException when {@code out} exists and is not an empty folder, or the extract is unreadable
     */
    public Result screen(Path extract, Path out)
            throws IOException
    {
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !isEmptyDirectory(target)) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "output folder " + out + " already exists and is not empty; choose a new one");
        }
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".partial-");
        try {
            Result result;
            try (Writer skipped = Files.newBufferedWriter(temporary.resolve("skipped.csv"), StandardCharsets.UTF_8)) {
                result = run(extract, skipped);
            }
            write(result, temporary);
            if (Files.exists(target)) {
                Files.delete(target);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (FileAlreadyExistsException e) {
                throw new CasebookException(ErrorCode.BAD_INPUT, "output folder " + out + " appeared while screening; results left in " + temporary);
            }
            return result;
        }
        finally {
            if (Files.exists(temporary)) {
                deleteRecursively(temporary);
            }
        }
    }

    void write(Result result, Path folder)
            throws IOException
    {
        writeScreeningLog(result, folder.resolve("screening.csv"));
        writeFlow(result.flow(), folder.resolve("flow.json"));
        Files.writeString(folder.resolve("flow.svg"), svg(result.flow(), rules.criterionIds()), StandardCharsets.UTF_8);
        writeCases(result.cases(), folder.resolve("cases"));
    }

    private void writeScreeningLog(Result result, Path file)
            throws IOException
    {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(Csv.row(SCREENING_COLUMNS));
            int caseNumber = 0;
            for (GenericDecision decision : result.candidates()) {
                boolean included = decision.isIncluded();
                String evidence = String.join(";", decision.evidence().stream().map(e -> e.criterionId() + "=" + e.source().reference()).toList());
                out.write(Csv.row(
                        included ? Integer.toString(++caseNumber) : "",
                        decision.patientId(),
                        included ? "included" : "excluded",
                        included ? decision.dayZero().toString() : "",
                        decision.index().record().source().id(),
                        decision.failedCriterion() == null ? "" : decision.failedCriterion(),
                        evidence,
                        String.join(";", decision.matchedByText())));
            }
        }
    }

    private void writeFlow(GenericFlow flow, Path file)
            throws IOException
    {
        List<String> ids = rules.criterionIds();
        try (JsonGenerator json = new ObjectMapper().getFactory().createGenerator(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("protocol", protocol.id());
            json.writeStringField("protocol_sha256", protocol.sha256());
            json.writeNumberField("patients_in_extract", flow.patientsInExtract);
            json.writeNumberField("with_index_admission", flow.withIndexEvent);
            for (int index = 1; index < ids.size(); index++) {
                String key = index == ids.size() - 1 ? "included" : "after_" + ids.get(index);
                json.writeNumberField(key, flow.afterCriterion.getOrDefault(ids.get(index), 0L));
            }
            if (ids.size() == 1) {
                json.writeNumberField("included", flow.withIndexEvent);
            }
            writeCounts(json, "excluded_by_reason", flow.excludedByReason);
            writeCounts(json, "resources_read", flow.resourcesRead);
            writeCounts(json, "resources_ignored", flow.resourcesIgnored);
            writeCounts(json, "lines_skipped", flow.linesSkipped);
            writeCounts(json, "lines_passed_over_unparsed", flow.linesPassedOver);
            writeCounts(json, "references_missing", flow.referencesMissing);
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    private static void writeCounts(JsonGenerator json, String name, Map<String, Long> counts)
            throws IOException
    {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            json.writeNumberField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    /** The case workbook in the protocol's layout, then provenance.csv beside it. */
    private void writeCases(List<GenericCase> cases, Path folder)
            throws IOException
    {
        CaseSchema schema = protocol.caseSchema();
        List<CaseRecord> records = new ArrayList<>();
        List<Measurement> measurements = new ArrayList<>();
        for (GenericCase extracted : cases) {
            Map<String, String> cells = new LinkedHashMap<>();
            extracted.fields().forEach((name, value) -> cells.put(name, value.text()));
            records.add(CaseRecords.of(extracted.patientId(), schema, schema.check(cells).values(), new SourceRef(extracted.index().reference())));
            for (GenericCase.Measured measured : extracted.measurements()) {
                measurements.add(new Measurement(extracted.patientId(), measured.timepoint(), measured.variable(), measured.value().doubleValue(), measured.unit(),
                        measured.date(), new SourceRef(references(measured.sources()))));
            }
        }
        new WorkbookWriter(schema).writeCsvFolder(new CaseWorkbook(records, measurements, List.of(), List.of(), List.of(), List.of()), folder);
        try (Writer provenance = Files.newBufferedWriter(folder.resolve("provenance.csv"), StandardCharsets.UTF_8)) {
            provenance.write(Csv.row("patient_id", "field", "timepoint", "value", "resource_type", "resource_id", "file", "line"));
            for (GenericCase extracted : cases) {
                for (Map.Entry<String, GenericCase.Value> field : extracted.fields().entrySet()) {
                    provenance(provenance, extracted.patientId(), field.getKey(), "", field.getValue().text(), field.getValue().sources());
                }
                for (GenericCase.Measured measured : extracted.measurements()) {
                    provenance(provenance, extracted.patientId(), measured.variable(), measured.timepoint(),
                            org.casebook.schema.FieldParser.format(java.math.BigDecimal.valueOf(measured.value().doubleValue()).stripTrailingZeros()), measured.sources());
                }
            }
        }
    }

    private static void provenance(Writer out, String patientId, String field, String timepoint, String value, List<RecordRef> sources)
            throws IOException
    {
        for (RecordRef source : sources) {
            out.write(Csv.row(patientId, field, timepoint, value, source.resourceType(), source.id(), source.file(), Long.toString(source.line())));
        }
    }

    private static String references(List<RecordRef> sources)
    {
        return String.join(";", sources.stream().map(RecordRef::reference).toList());
    }

    /** The flow as an SVG diagram, as the seed engine draws it. */
    static String svg(GenericFlow flow, List<String> criterionIds)
    {
        int boxes = criterionIds.size() + 1;
        int height = 40 + boxes * 90;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"").append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"14\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        box(svg, 0, "Patients in the extract", flow.patientsInExtract);
        box(svg, 1, "With an index event (" + criterionIds.get(0) + ")", flow.withIndexEvent);
        for (int index = 1; index < criterionIds.size(); index++) {
            String id = criterionIds.get(index);
            String label = index == criterionIds.size() - 1 ? "Included (after " + id + ")" : "After " + id;
            box(svg, index + 1, label, flow.afterCriterion.getOrDefault(id, 0L));
            int y = 40 + index * 90 + 25;
            svg.append("<text x=\"380\" y=\"").append(y + 50).append("\">Excluded, no ").append(escape(id)).append(": ")
                    .append(flow.excludedByReason.getOrDefault(id, 0L)).append("</text>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void box(StringBuilder svg, int row, String label, long count)
    {
        int y = 20 + row * 90;
        svg.append("<rect x=\"20\" y=\"").append(y).append("\" width=\"340\" height=\"50\" fill=\"#eef3fb\" stroke=\"#345\"/>\n");
        svg.append("<text x=\"30\" y=\"").append(y + 22).append("\">").append(escape(label)).append("</text>\n");
        svg.append("<text x=\"30\" y=\"").append(y + 42).append("\" font-weight=\"bold\">n = ").append(count).append("</text>\n");
        if (row > 0) {
            svg.append("<line x1=\"190\" y1=\"").append(y - 40).append("\" x2=\"190\" y2=\"").append(y).append("\" stroke=\"#345\"/>\n");
        }
    }

    private static String escape(String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static boolean isEmptyDirectory(Path path)
            throws IOException
    {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteRecursively(Path folder)
    {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
