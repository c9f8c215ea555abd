package org.casebook.workbook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseRecords;
import org.casebook.schema.CaseCheck;
import org.casebook.schema.CaseField;
import org.casebook.schema.CaseSchema;

/**
 * Reads the {@code cases} sheet: one patient per row, one column per case field of the
 * protocol's schema, each cell read by its field's parser ({@link CaseSchema#check}), so the
 * workbook accepts exactly what the web form and the API accept.
 */
final class CasesSheet
{
    static final String NAME = "cases";

    private CasesSheet() {}

    /** The sheet's columns for a schema: patient_id and the required fields first required, the rest optional, in the protocol's order. */
    static SheetLayout layout(CaseSchema schema)
    {
        List<String> required = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        required.add(CaseSchema.PATIENT_ID);
        for (CaseField field : schema.fields()) {
            (field.required() ? required : optional).add(field.name());
        }
        return new SheetLayout(NAME, required, optional);
    }

    /**
     * @param patientIds gets every patient id written in the sheet, valid row or not, so that a
     *         bad case row does not make each of its patient's other rows an error too
     */
    static List<CaseRecord> read(Sheet sheet, CaseSchema schema, Set<String> patientIds, ImportIssues issues, KeptValues kept)
    {
        List<CaseRecord> cases = new ArrayList<>();
        Map<String, Integer> firstRows = new HashMap<>();
        for (SheetRow row : sheet.rows()) {
            RowCells cells = new RowCells(sheet, row, issues, kept);
            String patientId = cells.intern(cells.requiredText(CaseSchema.PATIENT_ID));
            if (patientId != null) {
                patientIds.add(patientId);
                Integer first = firstRows.putIfAbsent(patientId, cells.number());
                if (first != null) {
                    cells.error(CaseSchema.PATIENT_ID, patientId, "duplicate patient_id; first given in row " + first);
                }
            }
            Map<String, String> texts = new LinkedHashMap<>();
            schema.fields().forEach(field -> texts.put(field.name(), cells.text(field.name())));
            CaseCheck check = schema.check(texts);
            check.problems().forEach((field, problem) -> cells.error(field, texts.get(field), problem));
            if (cells.isValid()) {
                // the values as kept by every case: one instance of each date, level, agent, number
                Map<String, Object> values = new LinkedHashMap<>(check.values());
                values.replaceAll((field, value) -> cells.intern(value));
                cases.add(CaseRecords.of(patientId, schema, values, cells.source()));
            }
        }
        return cases;
    }
}
