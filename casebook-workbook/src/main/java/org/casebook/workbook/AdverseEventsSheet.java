package org.casebook.workbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.casebook.casedata.AdverseEvent;
import org.casebook.schema.AdverseEventSchema;

/** Reads the optional {@code adverse_events} sheet: one adverse event per row. */
final class AdverseEventsSheet
{
    static final SheetLayout LAYOUT = new SheetLayout("adverse_events",
            List.of("patient_id", "term"),
            List.of("onset_date", "grade", "serious", "related_to", "action"));

    private AdverseEventsSheet() {}

    static List<AdverseEvent> read(Sheet sheet, AdverseEventSchema schema, Set<String> knownPatients, ImportIssues issues, KeptValues kept)
    {
        List<AdverseEvent> events = new ArrayList<>();
        for (SheetRow row : sheet.rows()) {
            RowCells cells = new RowCells(sheet, row, issues, kept);
            AdverseEvent event = new AdverseEvent(
                    orEmpty(cells.patientId(knownPatients)),
                    orEmpty(cells.intern(cells.requiredText("term"))),
                    cells.date("onset_date"),
                    cells.integer("grade", 1, 5),
                    cells.yesNo("serious"),
                    cells.choice("related_to", schema::parseRelatedTo, schema.relatedToExpected()),
                    cells.intern(cells.text("action")),
                    cells.source());
            if (cells.isValid()) {
                events.add(event);
            }
        }
        return events;
    }

    private static String orEmpty(String text)
    {
        return text == null ? "" : text;
    }
}
