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
import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.Measurement;
import org.casebook.ctscore.CtScore;
import org.casebook.schema.CaseField;
import org.casebook.protocol.OutcomeDefinitions;
import org.casebook.schema.CaseSchema;
import org.casebook.schema.FieldKind;
import org.casebook.store.SpreadsheetCsv;
import org.casebook.store.cases.CaseFieldText;

/**
 * The de-identified case table, one row per patient, for data leaving the site: patients under
 * random subject numbers (S01, …) in random order; no patient id, name or record number; every
 * date as days from day 0 ({@code admission_date} becomes {@code admission_day}, {@code date_of_death}
 * {@code day_of_death}, {@code last_contact} {@code last_contact_day}); ages over 89
 * as {@code 90+}; free text dropped (the stop reason only as {@code prior_jaki_stopped_for_ae});
 * agents only as the field's code set names them (or an {@code also} value such as {@code none}),
 * anything else as {@code other}. The columns are the protocol's case fields. Written by
 * {@link SpreadsheetCsv} (formula-leading cells neutralised).
 */
public final class DeidentifiedExport
{
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * The seed's stop reason, exported only as whether it was the value the protocol's
     * {@code event_by_day} outcome on it counts ("adverse event"); other text fields are dropped.
     */
    private static final String STOP_REASON = "prior_jaki_stop_reason";
    private static final String AGE = "age";

    private DeidentifiedExport() {}

    public static String csv(CaseWorkbook workbook, List<ScanResult> scans, OutcomeDefinitions outcomes, CaseSchema schema)
    {
        String adverseEventStopReason = outcomes.eventValue(STOP_REASON).orElse(null);
        List<Map<String, String>> rows = new ArrayList<>();
        List<CaseRecord> cases = new ArrayList<>(workbook.cases());
        Collections.shuffle(cases, RANDOM);
        TreeSet<String> measured = new TreeSet<>();
        workbook.measurements().forEach(m -> measured.add(m.timepoint() + "." + m.variable()));
        scans.forEach(scan -> measured.add(scan.scan().timepoint() + ".ct_total"));
        for (int i = 0; i < cases.size(); i++) {
            rows.add(row(String.format(Locale.ROOT, "S%02d", i + 1), cases.get(i), workbook, scans, adverseEventStopReason, schema));
        }
        List<String> header = new ArrayList<>();
        header.add("subject");
        for (CaseField field : schema.fields()) {
            switch (field.kind()) {
                case TEXT -> {
                    if (field.name().equals(STOP_REASON)) {
                        header.add("prior_jaki_stopped_for_ae");
                    }
                }
                case DATE -> header.add(dayColumn(field));
                default -> header.add(field.name());
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
            CaseSchema schema)
    {
        LocalDate dayZero = record.dayZero();
        Map<String, String> row = new LinkedHashMap<>();
        row.put("subject", subject);
        Map<String, Object> values = record.values();
        for (CaseField field : schema.fields()) {
            Object value = values.get(field.name());
            if (value == null) {
                continue;
            }
            String text = CaseFieldText.of(value);
            switch (field.kind()) {
                case TEXT -> {
                    if (field.name().equals(STOP_REASON)) {
                        row.put("prior_jaki_stopped_for_ae", stopReason != null && text.strip().equalsIgnoreCase(stopReason.strip()) ? "yes" : "no");
                    }
                }
                case DATE -> row.put(dayColumn(field), Long.toString(ChronoUnit.DAYS.between(dayZero, (LocalDate) value)));
                case NUMBER, INTEGER -> row.put(field.name(), field.name().equals(AGE) ? age(((Number) value).doubleValue()) : text);
                case AGENT -> row.put(field.name(), agent(text, field));
                default -> row.put(field.name(), text);
            }
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
                row.put(scan.scan().timepoint() + ".ct_total", ctTotal(scan.consensus()));
            }
        }
        return row;
    }

    /** A scan's CT total at one decimal, rounded half up from the exact score as the report rounds it (175.25 → 175.3). */
    static String ctTotal(CtScore consensus)
    {
        return CtScore.decimal(consensus.exactTotal(), 1).toPlainString();
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
     * One of an agent field's allowed values ({@link CaseField#choices()}: its code set's agents
     * and {@code also} values such as {@code none}), lower case, or {@code other}: import and edit
     * accept nothing else, but a value stored before that check must not leave the site as free
     * text.
     */
    static String agent(String text, CaseField field)
    {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        return field.kind() == FieldKind.AGENT && field.choices().stream().anyMatch(choice -> choice.equalsIgnoreCase(lower)) ? lower : "other";
    }

    /**
     * A date field's column, named for the day number it now holds: {@code admission_date} →
     * {@code admission_day}, {@code date_of_death} → {@code day_of_death}, any other name with
     * {@code _day} added ({@code last_contact} → {@code last_contact_day}).
     */
    static String dayColumn(CaseField field)
    {
        String name = field.name();
        if (name.endsWith("_date")) {
            return name.substring(0, name.length() - "_date".length()) + "_day";
        }
        if (name.startsWith("date_of_")) {
            return "day_of_" + name.substring("date_of_".length());
        }
        return name + "_day";
    }
}
