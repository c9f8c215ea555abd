package org.casebook.screening.local;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.error.CasebookException;
import org.casebook.io.OutputFolder;
import org.casebook.screening.fhir.RecordRef;
import org.casebook.screening.rules.EligibilityDecision;
import org.casebook.screening.rules.ExtractedCase;
import org.casebook.screening.rules.ScreeningProtocol;

/**
 * Runs a screening and writes its output folder atomically: everything is written to a hidden
 * folder beside {@code OUT} and renamed to {@code OUT} at the end, so an interrupted run leaves no
 * results that look complete.
 * <pre>
 * OUT/screening.csv     every candidate, included (case order) then excluded (patient id)
 * OUT/flow.json         counts per step and per line outcome; OUT/flow.svg the same as a diagram
 * OUT/skipped.csv       file,line,reason,detail of each line skipped
 * OUT/cases/            the case workbook: cases.csv, measurements.csv, ct_studies.csv, ct_reads.csv (header only), provenance.csv
 * </pre>
 */
public final class ScreeningOutput
{
    /** Columns of the workbook's {@code cases} sheet, in its documented order. */
    public static final List<String> CASE_COLUMNS = List.of("patient_id", "admission_date", "ae_onset_date", "discharge_date", "age", "sex",
            "weight_kg", "bmi", "smoking", "ra_duration_years", "rf_positive", "acpa_positive", "ild_pattern", "antifibrotic", "baseline_psl_mg",
            "prior_jaki", "prior_jaki_stop_date", "prior_jaki_stop_reason", "jaki_agent", "jaki_dose_mg", "jaki_start_date", "mpsl_pulse",
            "mpsl_pulse_start_date", "mpsl_max_daily_dose_mg", "home_oxygen_at_discharge", "death_date", "last_followup_date");
    public static final List<String> SCREENING_COLUMNS = List.of("case_no", "patient_id", "status", "day0", "encounter_id", "reason", "evidence", "matched_by_text");

    private ScreeningOutput() {}

    /**
     * @throws CasebookException when {@code out} exists and is not an empty folder, cannot be created, or the extract is unreadable
     */
    public static ScreeningResult screen(LocalScreening screening, ScreeningProtocol protocol, Path extract, Path out)
            throws IOException
    {
        try (OutputFolder folder = OutputFolder.begin(out)) {
            Path temporary = folder.temporary();
            ScreeningResult result;
            try (Writer skipped = Files.newBufferedWriter(temporary.resolve("skipped.csv"), StandardCharsets.UTF_8)) {
                result = screening.run(extract, skipped);
            }
            write(result, protocol, temporary);
            folder.commit();
            return result;
        }
    }

    static void write(ScreeningResult result, ScreeningProtocol protocol, Path folder)
            throws IOException
    {
        writeScreeningLog(result, folder.resolve("screening.csv"));
        writeFlow(result.flow(), protocol, folder.resolve("flow.json"));
        Files.writeString(folder.resolve("flow.svg"), FlowDiagram.svg(result.flow(), protocol.rules().criterionIds()), StandardCharsets.UTF_8);
        Path cases = Files.createDirectories(folder.resolve("cases"));
        writeCases(result.cases(), cases);
    }

    private static void writeScreeningLog(ScreeningResult result, Path file)
            throws IOException
    {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(Csv.row(SCREENING_COLUMNS));
            int caseNumber = 0;
            for (EligibilityDecision decision : result.candidates()) {
                boolean included = decision.isIncluded();
                String evidence = String.join(";", decision.evidence().stream().map(e -> e.criterionId() + "=" + e.source().reference()).toList());
                out.write(Csv.row(
                        included ? Integer.toString(++caseNumber) : "",
                        decision.patientId(),
                        included ? "included" : "excluded",
                        decision.dayZero().map(Object::toString).orElse(""),
                        decision.admission().map(admission -> admission.encounter().id()).orElse(""),
                        decision.failedCriterion().orElse(""),
                        evidence,
                        String.join(";", decision.matchedByText())));
            }
        }
    }

    private static void writeFlow(Flow flow, ScreeningProtocol protocol, Path file)
            throws IOException
    {
        List<String> ids = protocol.rules().criterionIds();
        try (JsonGenerator json = new ObjectMapper().getFactory().createGenerator(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("protocol", protocol.protocol().id());
            json.writeStringField("protocol_sha256", protocol.protocol().sha256());
            json.writeNumberField("patients_in_extract", flow.patientsInExtract);
            json.writeNumberField("with_index_admission", flow.withIndexAdmission);
            for (int index = 1; index < ids.size(); index++) {
                String key = index == ids.size() - 1 ? "included" : "after_" + ids.get(index);
                json.writeNumberField(key, flow.afterCriterion.getOrDefault(ids.get(index), 0L));
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

    private static void writeCases(List<ExtractedCase> cases, Path folder)
            throws IOException
    {
        try (Writer casesCsv = Files.newBufferedWriter(folder.resolve("cases.csv"), StandardCharsets.UTF_8);
                Writer measurements = Files.newBufferedWriter(folder.resolve("measurements.csv"), StandardCharsets.UTF_8);
                Writer ctStudies = Files.newBufferedWriter(folder.resolve("ct_studies.csv"), StandardCharsets.UTF_8);
                Writer provenance = Files.newBufferedWriter(folder.resolve("provenance.csv"), StandardCharsets.UTF_8)) {
            casesCsv.write(Csv.row(CASE_COLUMNS));
            measurements.write(Csv.row("patient_id", "timepoint", "variable", "value", "unit", "date", "source"));
            ctStudies.write(Csv.row("patient_id", "timepoint", "date", "study_id", "source"));
            provenance.write(Csv.row("patient_id", "field", "timepoint", "value", "resource_type", "resource_id", "file", "line"));
            for (ExtractedCase extracted : cases) {
                List<String> row = new ArrayList<>();
                for (String column : CASE_COLUMNS) {
                    row.add(column.equals("patient_id") ? extracted.patientId() : extracted.field(column).orElse(""));
                }
                casesCsv.write(Csv.row(row));
                for (ExtractedCase.Field field : extracted.fields()) {
                    provenance(provenance, extracted.patientId(), field.name(), "", field.value(), field.sources());
                }
                for (ExtractedCase.Measurement measurement : extracted.measurements()) {
                    String value = measurement.value().toPlainString();
                    measurements.write(Csv.row(extracted.patientId(), measurement.timepoint(), measurement.variable(), value, measurement.unit(),
                            measurement.date().toString(), references(measurement.sources())));
                    provenance(provenance, extracted.patientId(), measurement.variable(), measurement.timepoint(), value, measurement.sources());
                }
                for (ExtractedCase.CtStudy study : extracted.ctStudies()) {
                    ctStudies.write(Csv.row(extracted.patientId(), study.timepoint(), study.date().toString(), study.studyId(), study.source().reference()));
                    provenance(provenance, extracted.patientId(), "ct_study", study.timepoint(), study.date().toString(), List.of(study.source()));
                }
            }
        }
        // CT reads come from the radiologists after screening; the header lets the workbook be imported as it is.
        Files.writeString(folder.resolve("ct_reads.csv"),
                Csv.row("patient_id", "timepoint", "reader", "zone", "normal", "ggo", "consolidation", "ggo_traction", "consolidation_traction", "honeycombing"),
                StandardCharsets.UTF_8);
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
}
