package org.casebook.screening.local;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.casebook.error.CasebookException;
import org.casebook.io.OutputFolder;
import org.casebook.screening.fhir.RecordRef;
import org.casebook.screening.rules.EligibilityDecision;
import org.casebook.screening.rules.ExtractedCase;
import org.casebook.screening.output.CaseFiles;
import org.casebook.screening.output.ScreeningFiles;
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
    public static final List<String> SCREENING_COLUMNS = ScreeningFiles.SCREENING_COLUMNS;

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
        List<ScreeningFiles.LogRow> log = new ArrayList<>();
        int caseNumber = 0;
        for (EligibilityDecision decision : result.candidates()) {
            boolean included = decision.isIncluded();
            log.add(new ScreeningFiles.LogRow(
                    included ? Integer.toString(++caseNumber) : "",
                    decision.patientId(),
                    included ? "included" : "excluded",
                    decision.dayZero().map(Object::toString).orElse(""),
                    decision.admission().map(admission -> admission.encounter().id()).orElse(""),
                    decision.failedCriterion().orElse(""),
                    String.join(";", decision.evidence().stream().map(e -> e.criterionId() + "=" + e.source().reference()).toList()),
                    String.join(";", decision.matchedByText())));
        }
        ScreeningFiles.writeLog(folder.resolve("screening.csv"), log);
        Flow flow = result.flow();
        ScreeningFiles.Counts counts = new ScreeningFiles.Counts(flow.patientsInExtract, flow.withIndexAdmission, flow.afterCriterion, flow.excludedByReason,
                flow.resourcesRead, flow.resourcesIgnored, flow.linesSkipped, flow.linesPassedOver, flow.referencesMissing);
        List<String> ids = protocol.rules().criterionIds();
        ScreeningFiles.writeFlowJson(folder.resolve("flow.json"), protocol.protocol().id(), protocol.protocol().sha256(), ids, counts);
        Files.writeString(folder.resolve("flow.svg"), ScreeningFiles.svg(counts, ids, true), StandardCharsets.UTF_8);
        writeCases(result.cases(), protocol, folder.resolve("cases"));
    }

    /** The case files ({@link CaseFiles}, as the generic engine writes them): the fields in the protocol's order, measurements and CT studies as extracted. */
    private static void writeCases(List<ExtractedCase> cases, ScreeningProtocol protocol, Path folder)
            throws IOException
    {
        List<CaseFiles.Case> rows = new ArrayList<>();
        for (ExtractedCase extracted : cases) {
            Map<String, CaseFiles.Field> fields = new LinkedHashMap<>();
            extracted.fields().forEach(field -> fields.put(field.name(), new CaseFiles.Field(field.value(), sources(field.sources()))));
            rows.add(new CaseFiles.Case(extracted.patientId(), fields,
                    extracted.measurements().stream().map(m -> new CaseFiles.Measured(m.timepoint(), m.variable(), m.value(), m.unit(), m.date(), sources(m.sources()))).toList(),
                    extracted.ctStudies().stream().map(study -> new CaseFiles.Study(study.timepoint(), study.date(), source(study.source()))).toList()));
        }
        new CaseFiles(protocol.protocol()).write(rows, folder);
    }

    private static List<CaseFiles.Source> sources(List<RecordRef> sources)
    {
        return sources.stream().map(ScreeningOutput::source).toList();
    }

    private static CaseFiles.Source source(RecordRef source)
    {
        return new CaseFiles.Source(source.resourceType(), source.id(), source.file(), source.line());
    }
}
