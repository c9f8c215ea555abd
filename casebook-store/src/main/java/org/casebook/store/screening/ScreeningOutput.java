package org.casebook.store.screening;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import static java.util.Objects.requireNonNull;

/**
 * The log and flow of a {@code casebook screen} output folder, checked. {@code screening.csv}
 * must begin with the columns {@code case_no,patient_id,status,day0,encounter_id,reason}
 * (then optionally {@code evidence,matched_by_text}); {@code flow.json} must be a JSON object
 * with {@code patients_in_extract}.
 *
 * <pre>{@code
 * ScreeningOutput output = ScreeningOutput.parse(Files.readString(out.resolve("screening.csv")), Files.readString(out.resolve("flow.json")));
 * }</pre>
 */
public record ScreeningOutput(String flowJson, List<LogRow> rows)
{
    public static final String LOG_FILE = "screening.csv";
    public static final String FLOW_FILE = "flow.json";
    public static final List<String> LOG_COLUMNS = List.of("case_no", "patient_id", "status", "day0", "encounter_id", "reason");
    private static final ObjectMapper JSON = new ObjectMapper();

    public ScreeningOutput
    {
        requireNonNull(flowJson, "flowJson is null");
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
    }

    /** @throws ScreeningFileException listing every problem of both files */
    public static ScreeningOutput parse(String logText, String flowText)
    {
        List<ScreeningFileError> errors = new ArrayList<>();
        checkFlow(flowText, errors);
        List<LogRow> rows = parseLog(logText, errors);
        if (!errors.isEmpty()) {
            throw new ScreeningFileException(errors);
        }
        return new ScreeningOutput(flowText, rows);
    }

    public long included()
    {
        return rows.stream().filter(LogRow::included).count();
    }

    private static void checkFlow(String text, List<ScreeningFileError> errors)
    {
        try {
            JsonNode tree = JSON.readTree(text);
            if (tree == null || !tree.isObject()) {
                errors.add(new ScreeningFileError(FLOW_FILE, 0, null, null, "not a JSON object"));
            }
            else if (!tree.path("patients_in_extract").isNumber()) {
                errors.add(new ScreeningFileError(FLOW_FILE, 0, "patients_in_extract", null, "missing or not a number: not a screening flow"));
            }
        }
        catch (JsonProcessingException e) {
            var location = e.getLocation();
            errors.add(new ScreeningFileError(FLOW_FILE, location == null ? 0 : location.getLineNr(),
                    location == null ? null : Integer.toString(location.getColumnNr()), null, "not JSON: " + e.getOriginalMessage()));
        }
    }

    private static List<LogRow> parseLog(String text, List<ScreeningFileError> errors)
    {
        List<LogRow> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(text))) {
            List<String> header = null;
            Map<String, Integer> seen = new HashMap<>();
            for (CSVRecord record : parser) {
                int line = (int) record.getRecordNumber();
                if (header == null) {
                    header = record.toList();
                    if (header.size() < LOG_COLUMNS.size() || !header.subList(0, LOG_COLUMNS.size()).equals(LOG_COLUMNS)) {
                        errors.add(new ScreeningFileError(LOG_FILE, 1, null, String.join(",", header),
                                "not a screening log: the header must begin " + String.join(",", LOG_COLUMNS)));
                        return rows;
                    }
                    continue;
                }
                parseRow(record.toList(), header, line, seen, errors).ifPresent(rows::add);
            }
            if (header == null) {
                errors.add(new ScreeningFileError(LOG_FILE, 0, null, null, "empty file: expected a header " + String.join(",", LOG_COLUMNS)));
            }
        }
        catch (IOException | UncheckedIOException | IllegalStateException e) {
            errors.add(new ScreeningFileError(LOG_FILE, 0, null, null, "cannot be read as CSV: " + e.getMessage()));
        }
        return rows;
    }

    private static Optional<LogRow> parseRow(List<String> cells, List<String> header, int line, Map<String, Integer> seen,
            List<ScreeningFileError> errors)
    {
        int before = errors.size();
        if (cells.size() != header.size()) {
            errors.add(new ScreeningFileError(LOG_FILE, line, null, null, "has " + cells.size() + " cells, the header " + header.size()));
            return Optional.empty();
        }
        Map<String, String> cell = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String value = cells.get(i).strip();
            cell.put(header.get(i), value.isEmpty() ? null : value);
        }
        String patientId = cell.get("patient_id");
        if (patientId == null) {
            errors.add(new ScreeningFileError(LOG_FILE, line, "patient_id", null, "missing"));
        }
        else if (seen.putIfAbsent(patientId, line) != null) {
            errors.add(new ScreeningFileError(LOG_FILE, line, "patient_id", patientId, "already on line " + seen.get(patientId)));
        }
        String status = cell.get("status");
        Integer caseNo = null;
        if (LogRow.INCLUDED.equals(status)) {
            caseNo = positiveInteger(cell.get("case_no"), line, errors);
            date(cell.get("day0"), line, errors);
            required(cell, "encounter_id", line, errors);
        }
        else if (LogRow.EXCLUDED.equals(status)) {
            required(cell, "reason", line, errors);
        }
        else {
            errors.add(new ScreeningFileError(LOG_FILE, line, "status", status, "expected included or excluded"));
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new LogRow(line, caseNo, patientId, status, cell.get("day0"), cell.get("encounter_id"), cell.get("reason"),
                cell.get("evidence"), cell.get("matched_by_text")));
    }

    private static Integer positiveInteger(String value, int line, List<ScreeningFileError> errors)
    {
        try {
            int number = Integer.parseInt(value == null ? "" : value);
            if (number >= 1) {
                return number;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new ScreeningFileError(LOG_FILE, line, "case_no", value, "an included patient needs a case number 1, 2, …"));
        return null;
    }

    private static void date(String value, int line, List<ScreeningFileError> errors)
    {
        try {
            LocalDate.parse(value == null ? "" : value);
        }
        catch (DateTimeParseException e) {
            errors.add(new ScreeningFileError(LOG_FILE, line, "day0", value, "an included patient needs day 0 as a date (YYYY-MM-DD)"));
        }
    }

    private static void required(Map<String, String> cell, String column, int line, List<ScreeningFileError> errors)
    {
        if (cell.get(column) == null) {
            errors.add(new ScreeningFileError(LOG_FILE, line, column, null, "missing"));
        }
    }
}
