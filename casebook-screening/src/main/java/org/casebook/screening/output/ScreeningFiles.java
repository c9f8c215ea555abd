package org.casebook.screening.output;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.screening.local.Csv;

import static java.util.Objects.requireNonNull;

/**
 * The screening log and the flow, as every engine writes them (docs/screening.md, Outputs):
 * {@code screening.csv}, {@code evidence.csv}, {@code flow.json} and {@code flow.svg}.
 */
public final class ScreeningFiles
{
    public static final List<String> SCREENING_COLUMNS = List.of("case_no", "patient_id", "status", "day0", "encounter_id", "reason", "evidence", "matched_by_text");

    /** evidence.csv: what each record of the log's {@code evidence} is, one row per entry, in the log's order. */
    public static final List<String> EVIDENCE_COLUMNS = List.of("patient_id", "criterion", "resource", "kind", "code_system", "code", "display", "date", "value", "unit");

    private ScreeningFiles() {}

    /** One candidate's row of screening.csv (empty text for what it lacks). */
    public record LogRow(String caseNo, String patientId, String status, String dayZero, String indexId, String reason, String evidence, String matchedByText) {}

    /** One record behind a criterion, as evidence.csv has it (empty text for what the record lacks). */
    public record EvidenceRow(String patientId, String criterion, String resource, String kind, String codeSystem, String code, String display, String date,
            String value, String unit) {}

    /**
     * The counts of a run: patients at each step ({@code afterCriterion} by criterion id, in
     * protocol order) and what happened to the extract's lines.
     */
    public record Counts(long patientsInExtract, long withIndex, Map<String, Long> afterCriterion, Map<String, Long> excludedByReason,
            Map<String, Long> resourcesRead, Map<String, Long> resourcesIgnored, Map<String, Long> linesSkipped, Map<String, Long> linesPassedOver,
            Map<String, Long> referencesMissing)
    {
        public Counts
        {
            requireNonNull(afterCriterion, "afterCriterion is null");
            requireNonNull(excludedByReason, "excludedByReason is null");
        }
    }

    public static void writeLog(Path file, List<LogRow> rows)
            throws IOException
    {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(Csv.row(SCREENING_COLUMNS));
            for (LogRow row : rows) {
                out.write(line(row));
            }
        }
    }

    /** A log row as screening.csv has it, line end included. */
    public static String line(LogRow row)
    {
        return Csv.row(row.caseNo(), row.patientId(), row.status(), row.dayZero(), row.indexId(), row.reason(), row.evidence(), row.matchedByText());
    }

    public static void writeEvidence(Path file, List<EvidenceRow> rows)
            throws IOException
    {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(Csv.row(EVIDENCE_COLUMNS));
            for (EvidenceRow row : rows) {
                out.write(line(row));
            }
        }
    }

    /** An evidence row as evidence.csv has it, line end included. */
    public static String line(EvidenceRow row)
    {
        return Csv.row(row.patientId(), row.criterion(), row.resource(), row.kind(), row.codeSystem(), row.code(), row.display(), row.date(),
                row.value(), row.unit());
    }

    /** flow.json: the protocol, the counts per step (the last criterion's as {@code included}) and per line outcome. */
    public static void writeFlowJson(Path file, String protocolId, String protocolSha256, List<String> criterionIds, Counts counts)
            throws IOException
    {
        try (JsonGenerator json = new ObjectMapper().getFactory().createGenerator(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("protocol", protocolId);
            json.writeStringField("protocol_sha256", protocolSha256);
            json.writeNumberField("patients_in_extract", counts.patientsInExtract());
            json.writeNumberField("with_index_admission", counts.withIndex());
            for (int index = 1; index < criterionIds.size(); index++) {
                String key = index == criterionIds.size() - 1 ? "included" : "after_" + criterionIds.get(index);
                json.writeNumberField(key, counts.afterCriterion().getOrDefault(criterionIds.get(index), 0L));
            }
            if (criterionIds.size() == 1) {
                json.writeNumberField("included", counts.withIndex());
            }
            writeCounts(json, "excluded_by_reason", counts.excludedByReason());
            writeCounts(json, "resources_read", counts.resourcesRead());
            writeCounts(json, "resources_ignored", counts.resourcesIgnored());
            writeCounts(json, "lines_skipped", counts.linesSkipped());
            writeCounts(json, "lines_passed_over_unparsed", counts.linesPassedOver());
            writeCounts(json, "references_missing", counts.referencesMissing());
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

    /**
     * The flow as an SVG diagram: one box per step with its count, and beside each the patients it
     * excluded with the criterion's number and description (the protocol's words, as the report's
     * flow diagram gives them; the id when a criterion has no description), never a bare id. The
     * second box reads "With an index admission" when the index criterion is an encounter, else
     * "With an index event".
     */
    public static String svg(Counts counts, List<String> criterionIds, List<String> descriptions, boolean admission)
    {
        int boxes = criterionIds.size() + 1;
        int height = 40 + boxes * 90;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"").append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"14\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        box(svg, 0, "Patients in the extract", counts.patientsInExtract());
        box(svg, 1, admission ? "With an index admission" : "With an index event", counts.withIndex());
        for (int index = 1; index < criterionIds.size(); index++) {
            String id = criterionIds.get(index);
            String label = index == criterionIds.size() - 1 ? "Included" : "Met criteria 1–" + (index + 1);
            box(svg, index + 1, label, counts.afterCriterion().getOrDefault(id, 0L));
            String description = index < descriptions.size() && descriptions.get(index) != null && !descriptions.get(index).isBlank()
                    ? descriptions.get(index) : id;
            List<String> lines = wrapped("Excluded, " + (index + 1) + ". " + description + " not met: " + counts.excludedByReason().getOrDefault(id, 0L), 52);
            int y = 40 + index * 90 + 25 + 50 - 7 * (lines.size() - 1);
            svg.append("<text x=\"380\" y=\"").append(y).append("\" font-size=\"12\">");
            for (int line = 0; line < lines.size(); line++) {
                svg.append("<tspan x=\"380\"").append(line == 0 ? "" : " dy=\"14\"").append(">").append(escape(lines.get(line))).append("</tspan>");
            }
            svg.append("</text>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** Words in lines of at most {@code width} characters (a longer word on a line of its own), at most four lines, the last cut with "…". */
    static List<String> wrapped(String text, int width)
    {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        if (lines.size() > 4) {
            List<String> kept = new java.util.ArrayList<>(lines.subList(0, 3));
            kept.add("… " + lines.get(lines.size() - 1));
            return kept;
        }
        return lines;
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
}
