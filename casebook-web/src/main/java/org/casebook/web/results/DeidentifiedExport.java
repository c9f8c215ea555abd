package org.casebook.web.results;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.casebook.analysis.ScanResult;
import org.casebook.casedata.CaseFieldRules;
import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.Measurement;
import org.casebook.store.SpreadsheetCsv;
import org.casebook.store.cases.CaseField;

/**
 * The de-identified case table, one row per patient, for data leaving the site: patients under
 * random subject numbers (S01, …) in random order; no patient id, name or record number; every
 * date as days from day 0 ({@code admission_date} becomes {@code admission_day}); ages over 89
 * as {@code 90+}; free text dropped (the stop reason only as {@code prior_jaki_stopped_for_ae});
 * agents only as the protocol's code set names them. Written by {@link SpreadsheetCsv}.
 */
public final class DeidentifiedExport
{
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeidentifiedExport() {}

    public static String csv(CaseWorkbook workbook, List<ScanResult> scans, String adverseEventStopReason, CaseFieldRules rules)
    {
        List<Map<String, String>> rows = new ArrayList<>();
        List<CaseRecord> cases = new ArrayList<>(workbook.cases());
        Collections.shuffle(cases, RANDOM);
        TreeSet<String> measured = new TreeSet<>();
        workbook.measurements().forEach(m -> measured.add(m.timepoint() + "." + m.variable()));
        scans.forEach(scan -> measured.add(scan.scan().timepoint() + ".ct_total"));
        for (int i = 0; i < cases.size(); i++) {
            rows.add(row(String.format(Locale.ROOT, "S%02d", i + 1), cases.get(i), workbook, scans, adverseEventStopReason, rules));
        }
        List<String> header = new ArrayList<>();
        header.add("subject");
        for (CaseField field : CaseField.values()) {
            switch (field.kind()) {
                case FREE_TEXT -> header.add("prior_jaki_stopped_for_ae");
                case DATE -> header.add(dayColumn(field));
                default -> header.add(field.column());
            }
        }
        for (String key : measured) {
            header.add(key);
            if (!key.endsWith(".ct_total")) {
                header.add(key + "_day");
            }
        }
        return SpreadsheetCsv.write(header, rows.stream().map(row -> header.stream().map(column -> row.getOrDefault(column, "")).toList()).toList());
    }

    private static Map<String, String> row(String subject, CaseRecord record, CaseWorkbook workbook, List<ScanResult> scans, String stopReason,
            CaseFieldRules rules)
    {
        LocalDate dayZero = record.dayZero();
        Map<String, String> row = new LinkedHashMap<>();
        row.put("subject", subject);
        for (CaseField field : CaseField.values()) {
            field.textOf(record).ifPresent(text -> {
                switch (field.kind()) {
                    case FREE_TEXT -> row.put("prior_jaki_stopped_for_ae", text.strip().equalsIgnoreCase(stopReason) ? "yes" : "no");
                    case DATE -> row.put(dayColumn(field), Long.toString(ChronoUnit.DAYS.between(dayZero, LocalDate.parse(text))));
                    case NUMBER -> row.put(field.column(), field == CaseField.AGE ? age(record.age()) : text);
                    case AGENT -> row.put(field.column(), agent(text, rules));
                    default -> row.put(field.column(), text);
                }
            });
        }
        for (Measurement measurement : workbook.measurements()) {
            if (measurement.patientId().equals(record.patientId())) {
                String key = measurement.timepoint() + "." + measurement.variable();
                row.put(key, Double.toString(measurement.value()));
                if (measurement.date() != null) {
                    row.put(key + "_day", Long.toString(ChronoUnit.DAYS.between(dayZero, measurement.date())));
                }
            }
        }
        for (ScanResult scan : scans) {
            if (scan.scan().patientId().equals(record.patientId())) {
                row.put(scan.scan().timepoint() + ".ct_total", String.format(Locale.ROOT, "%.1f", scan.consensus().total()));
            }
        }
        return row;
    }

    /** Ages over 89 are one category, {@code 90+} (HIPAA Safe Harbor). */
    static String age(Double age)
    {
        if (age == null) {
            return "";
        }
        return age > 89 ? "90+" : Long.toString(Math.round(Math.floor(age)));
    }

    /**
     * An agent of the protocol's code set (lower case), {@code none}, or {@code other}: import and
     * edit accept nothing else, but a value stored before that check must not leave the site as
     * free text.
     */
    static String agent(String text, CaseFieldRules rules)
    {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        return rules.isAgent(lower) || lower.equals(CaseFieldRules.NO_PRIOR_AGENT) ? lower : "other";
    }

    private static String dayColumn(CaseField field)
    {
        return field.column().replaceFirst("_date$", "_day");
    }
}
