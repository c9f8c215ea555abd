package org.casebook.workbook;

import java.util.List;

import org.casebook.casedata.CaseWorkbook;

import static java.util.Objects.requireNonNull;

/** A successfully imported workbook and the warnings met on the way (unknown columns, P/F disagreements, …). */
public record ImportResult(CaseWorkbook workbook, List<ImportIssue> warnings)
{
    public ImportResult
    {
        requireNonNull(workbook, "workbook is null");
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
    }
}
