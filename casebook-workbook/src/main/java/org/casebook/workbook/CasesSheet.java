package org.casebook.workbook;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.casebook.casedata.CaseFieldRules;
import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.IldPattern;
import org.casebook.casedata.Sex;
import org.casebook.casedata.SmokingStatus;

/**
 * Reads the {@code cases} sheet: one patient per row. A missing {@code ae_onset_date} stays
 * missing; {@link CaseRecord#dayZero()} then falls back to the admission date.
 */
final class CasesSheet
{
    static final SheetLayout LAYOUT = new SheetLayout("cases",
            List.of("patient_id", "admission_date"),
            List.of("ae_onset_date", "discharge_date", "age", "sex", "weight_kg", "bmi", "smoking", "ra_duration_years",
                    "rf_positive", "acpa_positive", "ild_pattern", "antifibrotic", "baseline_psl_mg", "prior_jaki",
                    "prior_jaki_stop_date", "prior_jaki_stop_reason", "jaki_agent", "jaki_dose_mg", "jaki_start_date",
                    "mpsl_pulse", "mpsl_pulse_start_date", "mpsl_max_daily_dose_mg", "home_oxygen_at_discharge",
                    "death_date", "last_followup_date"));

    private CasesSheet() {}

    static List<CaseRecord> read(Sheet sheet, CaseFieldRules rules, ImportIssues issues)
    {
        List<CaseRecord> cases = new ArrayList<>();
        Map<String, Integer> firstRows = new HashMap<>();
        for (SheetRow row : sheet.rows()) {
            RowCells cells = new RowCells(sheet, row, issues);
            String patientId = cells.requiredText("patient_id");
            if (patientId != null) {
                Integer first = firstRows.putIfAbsent(patientId, cells.number());
                if (first != null) {
                    cells.error("patient_id", patientId, "duplicate patient_id; first given in row " + first);
                }
            }
            CaseRecord record = readRecord(cells, patientId);
            // the rules the web app's edits are checked by too (ranges, date order, agents); a bad cell was read as missing
            rules.problems(record).forEach(problem -> cells.error(problem.column(), cells.text(problem.column()), problem.detail()));
            if (cells.isValid()) {
                cases.add(record);
            }
        }
        return cases;
    }

    private static CaseRecord readRecord(RowCells cells, String patientId)
    {
        LocalDate admission = cells.requiredDate("admission_date");
        LocalDate discharge = cells.date("discharge_date");
        // Placeholders keep the record constructible; a row with errors is never imported.
        return new CaseRecord(
                patientId == null ? "" : patientId,
                admission == null ? LocalDate.EPOCH : admission,
                cells.date("ae_onset_date"),
                discharge,
                cells.nonNegative("age"),
                cells.choice("sex", CasesSheet::parseSex, "F or M"),
                cells.nonNegative("weight_kg"),
                cells.nonNegative("bmi"),
                cells.choice("smoking", CasesSheet::parseSmoking, "never, former or current"),
                cells.nonNegative("ra_duration_years"),
                cells.yesNo("rf_positive"),
                cells.yesNo("acpa_positive"),
                cells.choice("ild_pattern", IldPattern::fromLabel, "one of UIP, probable UIP, NSIP, OP, indeterminate, other"),
                cells.yesNo("antifibrotic"),
                cells.nonNegative("baseline_psl_mg"),
                cells.text("prior_jaki"),
                cells.date("prior_jaki_stop_date"),
                cells.text("prior_jaki_stop_reason"),
                cells.text("jaki_agent"),
                cells.nonNegative("jaki_dose_mg"),
                cells.date("jaki_start_date"),
                cells.yesNo("mpsl_pulse"),
                cells.date("mpsl_pulse_start_date"),
                cells.nonNegative("mpsl_max_daily_dose_mg"),
                cells.yesNo("home_oxygen_at_discharge"),
                cells.date("death_date"),
                cells.date("last_followup_date"),
                cells.source());
    }

    static Optional<Sex> parseSex(String text)
    {
        return Arrays.stream(Sex.values()).filter(sex -> sex.name().equalsIgnoreCase(text)).findFirst();
    }

    static Optional<SmokingStatus> parseSmoking(String text)
    {
        return Arrays.stream(SmokingStatus.values()).filter(status -> status.label().equals(text.toLowerCase(Locale.ROOT))).findFirst();
    }
}
