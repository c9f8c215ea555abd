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
        // each piece of text on its own (the abbreviations hold no line break, so this finds what a search of
        // the whole table's text would), a row at a time: a per-patient table's rows are made as they are read
        List<String> abbreviations = new ArrayList<>(known.keySet());
        List<Pattern> patterns = abbreviations.stream()
                .map(abbreviation -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(abbreviation) + "(?![\\p{L}\\p{N}])"))
                .toList();
        boolean[] found = new boolean[abbreviations.size()];
        search(List.of(table.title()), abbreviations, patterns, found);
        search(table.columns(), abbreviations, patterns, found);
        for (List<String> row : table.rows()) {
            search(row, abbreviations, patterns, found);
        }
        search(table.notes(), abbreviations, patterns, found);
        List<String> used = new ArrayList<>();
        for (int i = 0; i < found.length; i++) {
            if (found[i]) {
                used.add(abbreviations.get(i) + ", " + known.get(abbreviations.get(i)));
            }
        }
        if (used.isEmpty()) {
            return table;
        }
        List<String> notes = new ArrayList<>(table.notes());
        notes.add("Abbreviations: " + String.join("; ", used) + ".");
        return new ReportTable(table.id(), table.title(), table.columns(), table.rows(), table.grouped(), notes);
    }

    private static void search(List<String> texts, List<String> abbreviations, List<Pattern> patterns, boolean[] found)
    {
        for (String text : texts) {
            for (int i = 0; i < found.length; i++) {
                if (!found[i] && text.contains(abbreviations.get(i)) && patterns.get(i).matcher(text).find()) {
                    found[i] = true;
                }
            }
        }
    }
}
