package org.casebook.workbook;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.casebook.schema.CaseSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.casebook.casedata.AdverseEvent;
import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.CtStudy;
import org.casebook.casedata.Measurement;
import org.casebook.ctscore.IchikadoPattern;
import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.KazerooniLobeScore;
import org.casebook.ctscore.KazerooniRead;
import org.casebook.ctscore.ZoneExtent;

import static java.util.Objects.requireNonNull;

/**
 * One sheet of a case workbook about to be written: the layout's columns and one row of cell
 * values per record. A value is a {@link String}, {@link Double}, {@link Integer}, {@link
 * LocalDate}, {@link Boolean} (written yes/no) or null (an empty cell).
 */
record WorkbookTable(SheetLayout layout, List<List<Object>> rows)
{
    WorkbookTable
    {
        requireNonNull(layout, "layout is null");
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
    }

    /** Every sheet of the workbook in the documented order, empty optional sheets included. */
    static List<WorkbookTable> of(CaseWorkbook workbook, CaseSchema schema)
    {
        return List.of(
                new WorkbookTable(CasesSheet.layout(schema), workbook.cases().stream().map(c -> caseRow(c, schema)).toList()),
                new WorkbookTable(MeasurementsSheet.LAYOUT, workbook.measurements().stream().map(WorkbookTable::measurementRow).toList()),
                new WorkbookTable(CtStudiesSheet.LAYOUT, workbook.ctStudies().stream().map(WorkbookTable::ctStudyRow).toList()),
                new WorkbookTable(IchikadoReadsSheet.LAYOUT, workbook.ichikadoReads().stream().flatMap(read -> ichikadoRows(read).stream()).toList()),
                new WorkbookTable(KazerooniReadsSheet.LAYOUT, workbook.kazerooniReads().stream().flatMap(read -> kazerooniRows(read).stream()).toList()),
                new WorkbookTable(AdverseEventsSheet.LAYOUT, workbook.adverseEvents().stream().map(WorkbookTable::adverseEventRow).toList()));
    }

    /** The {@code about} sheet of a template: one row per column of the cases and adverse-events sheets. */
    static WorkbookTable about(CaseSchema schema)
    {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row("cases", CaseSchema.PATIENT_ID, "Patient", "text", "yes", null, null, "unique in the sheet; a study code, never a name or record number"));
        for (org.casebook.schema.CaseField field : schema.fields()) {
            rows.add(row("cases", field.name(), field.label(), field.kind().yamlName(), field.required() ? "yes" : "no", field.unit(),
                    field.choices().isEmpty() ? field.expected() : String.join(" | ", field.choices()), field.help()));
        }
        String sheet = AdverseEventsSheet.LAYOUT.baseName();
        rows.add(row(sheet, CaseSchema.PATIENT_ID, "Patient", "text", "yes", null, null, "a patient of the cases sheet; one row per adverse event"));
        rows.add(row(sheet, "term", "Adverse event", "text", "yes", null, null, "e.g. herpes zoster"));
        rows.add(row(sheet, "onset_date", "Onset", "date", "no", null, "a date yyyy-mm-dd", null));
        rows.add(row(sheet, "grade", "CTCAE grade", "integer", "no", null, "1 to 5", null));
        String version = schema.adverseEvents().ctcaeVersion();
        rows.add(row(sheet, "ctcae_version", "CTCAE version", "text", "no", null, "a version such as 5.0 or 4.03",
                version == null ? "the CTCAE version this event was graded by (the protocol's adverse_events.ctcae_version names none)"
                        : "only when this event was graded by another version than the study's CTCAE " + version + " (adverse_events.ctcae_version)"));
        rows.add(row(sheet, "serious", "Serious", "yes_no", "no", null, "yes | no", null));
        rows.add(row(sheet, "related_to", "Related to", "category", "no", null, String.join(" | ", schema.adverseEvents().relatedToLevels()),
                "the protocol's adverse_events.related_to levels"));
        rows.add(row(sheet, "action", "Action taken", "text", "no", null, null, null));
        rows.add(row(sheet, "outcome", "Outcome", "category", "no", null, String.join(" | ", schema.adverseEvents().outcomeLevels()),
                "the protocol's adverse_events.outcomes levels"));
        return new WorkbookTable(new SheetLayout(ABOUT, List.of("sheet", "column", "label", "kind", "required", "unit", "allowed", "help"), List.of(), false), rows);
    }

    static final String ABOUT = "about";

    /** The text of a cell as the CSV format writes it. */
    static String text(Object value)
    {
        if (value == null) {
            return "";
        }
        if (value instanceof Double number) {
            return UnitConverter.format(number);
        }
        if (value instanceof Boolean yes) {
            return yes ? "yes" : "no";
        }
        return value.toString();
    }

    /** The cases sheet's columns in layout order (required fields first), each from the case's values by field name. */
    private static List<Object> caseRow(CaseRecord c, CaseSchema schema)
    {
        Map<String, Object> values = c.values();
        List<Object> row = new ArrayList<>();
        for (String column : CasesSheet.layout(schema).columns()) {
            if (column.equals(CaseSchema.PATIENT_ID)) {
                row.add(c.patientId());
            }
            else if (column.equals(SheetLayout.SOURCE)) {
                row.add(source(c.source()));
            }
            else {
                row.add(cell(values.get(column)));
            }
        }
        return row;
    }

    /** Numbers are written as the workbook writes every number: decimals as doubles, whole numbers as integers. */
    private static Object cell(Object value)
    {
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        if (value instanceof Long whole) {
            return whole >= Integer.MIN_VALUE && whole <= Integer.MAX_VALUE ? (Object) whole.intValue() : (Object) whole.doubleValue();
        }
        return value;
    }

    private static List<Object> measurementRow(Measurement m)
    {
        return row(m.patientId(), m.timepoint(), m.variable(), m.value(), m.unit(), m.date(), source(m.source()));
    }

    private static List<Object> ctStudyRow(CtStudy s)
    {
        return row(s.patientId(), s.timepoint(), s.date(), s.studyId(), source(s.source()));
    }

    /** CT reads carry no source of their own: the reader's grades are the source. */
    private static List<List<Object>> ichikadoRows(IchikadoRead read)
    {
        List<List<Object>> rows = new ArrayList<>();
        for (ZoneExtent zone : read.zones()) {
            List<Object> row = row(read.scan().patientId(), read.scan().timepoint(), read.reader(), zone.zone().name());
            for (IchikadoPattern pattern : IchikadoPattern.values()) {
                row.add(zone.percent(pattern));
            }
            row.add(null);
            rows.add(row);
        }
        return rows;
    }

    private static List<List<Object>> kazerooniRows(KazerooniRead read)
    {
        List<List<Object>> rows = new ArrayList<>();
        for (KazerooniLobeScore lobe : read.lobes()) {
            rows.add(row(read.scan().patientId(), read.scan().timepoint(), read.reader(), lobe.lobe().name(), lobe.alveolar(), lobe.interstitial(), null));
        }
        return rows;
    }

    private static List<Object> adverseEventRow(AdverseEvent e)
    {
        return row(e.patientId(), e.term(), e.onsetDate(), e.grade(), e.ctcaeVersion(), e.serious(), e.relatedTo(), e.action(), e.outcome(), source(e.source()));
    }

    private static List<Object> row(Object... values)
    {
        return new ArrayList<>(Arrays.asList(values));
    }

    private static String source(Object source)
    {
        return source == null ? null : source.toString();
    }
}
