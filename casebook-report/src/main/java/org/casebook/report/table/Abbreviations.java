package org.casebook.report.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.casebook.report.StudyData;

/**
 * Defines, in a footnote under each table, every abbreviation the table uses, as journals ask:
 * the report's own statistical ones and the protocol's ({@code report.abbreviations}), each only
 * where it appears in the table's title, headers, cells or notes (as a whole word).
 */
public final class Abbreviations
{
    /** The abbreviations the report itself writes. */
    private static final Map<String, String> REPORT = new LinkedHashMap<>();

    static {
        REPORT.put("CI", "confidence interval");
        REPORT.put("CT", "computed tomography");
        REPORT.put("HL", "Hodges–Lehmann median difference");
        REPORT.put("SD", "standard deviation");
        REPORT.put("Q1–Q3", "first and third quartiles");
        REPORT.put("CTCAE", "Common Terminology Criteria for Adverse Events");
    }

    private Abbreviations() {}

    /** {@code table} with a last note "Abbreviations: …" when it uses any; unchanged otherwise. */
    public static ReportTable apply(StudyData data, ReportTable table)
    {
        Map<String, String> known = new LinkedHashMap<>(data.protocol().report().abbreviations());
        REPORT.forEach(known::putIfAbsent);
        StringBuilder text = new StringBuilder(table.title()).append('\n');
        table.columns().forEach(column -> text.append(column).append('\n'));
        table.rows().forEach(row -> row.forEach(cell -> text.append(cell).append('\n')));
        table.notes().forEach(note -> text.append(note).append('\n'));
        List<String> used = new ArrayList<>();
        known.forEach((abbreviation, meaning) -> {
            if (Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(abbreviation) + "(?![\\p{L}\\p{N}])").matcher(text).find()) {
                used.add(abbreviation + ", " + meaning);
            }
        });
        if (used.isEmpty()) {
            return table;
        }
        List<String> notes = new ArrayList<>(table.notes());
        notes.add("Abbreviations: " + String.join("; ", used) + ".");
        return new ReportTable(table.id(), table.title(), table.columns(), table.rows(), table.grouped(), notes);
    }
}
