package org.casebook.workbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.casebook.casedata.AdverseEvent;
import org.casebook.schema.AdverseEventSchema;

/**
 * Reads the optional {@code adverse_events} sheet: one adverse event per row. Its
 * {@code ctcae_version} and {@code outcome} columns came later and may be left out.
 */
final class AdverseEventsSheet
{
    static final SheetLayout LAYOUT = new SheetLayout("adverse_events",
            List.of("patient_id", "term"),
            List.of("onset_date", "grade", "ctcae_version", "serious", "related_to", "action", "outcome"));

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
                    cells.choice("ctcae_version", AdverseEventSchema::parseCtcaeVersion, AdverseEventSchema.CTCAE_VERSION_EXPECTED),
                    cells.yesNo("serious"),
                    cells.choice("related_to", schema::parseRelatedTo, schema.relatedToExpected()),
                    cells.intern(cells.text("action")),
                    cells.choice("outcome", schema::parseOutcome, schema.outcomeExpected()),
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
