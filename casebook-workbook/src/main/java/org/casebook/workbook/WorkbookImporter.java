package org.casebook.workbook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.casebook.casedata.AdverseEvent;
import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.CtStudy;
import org.casebook.casedata.Measurement;
import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.KazerooniRead;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.StudyProtocol;

import static java.util.Objects.requireNonNull;

/**
 * Imports a case workbook, a folder of CSV files or one .xlsx file with sheets of the same
 * names (docs/workbook.md), validating every cell against the protocol. Either every row is
 * valid and the result holds the workbook and its warnings, or nothing is imported and the
 * exception lists every error.
 */
public final class WorkbookImporter
{
    static final String KAZEROONI = "kazerooni";
    static final List<SheetLayout> LAYOUTS = List.of(
            MeasurementsSheet.LAYOUT,
            CtStudiesSheet.LAYOUT,
            IchikadoReadsSheet.LAYOUT,
            KazerooniReadsSheet.LAYOUT,
            AdverseEventsSheet.LAYOUT);

    private final StudyProtocol protocol;

    public WorkbookImporter(StudyProtocol protocol)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
    }

    /**
     * @param folderOrXlsx a folder of CSV files or an .xlsx file
     * @throws WorkbookImportException listing every bad cell, when there is any
     * @throws org.casebook.error.CasebookException when the folder or file cannot be read
     */
    public ImportResult importFrom(Path folderOrXlsx)
    {
        requireNonNull(folderOrXlsx, "folderOrXlsx is null");
        ImportIssues issues = new ImportIssues();
        SheetSource source = sourceOf(folderOrXlsx);
        Map<String, Sheet> sheets = source.readSheets(issues);
        warnUnknownSheets(sheets, source, issues);

        Optional<Sheet> casesSheet = required(CasesSheet.layout(protocol.caseSchema()), sheets, source, issues);
        List<CaseRecord> cases = casesSheet.map(sheet -> CasesSheet.read(sheet, protocol.caseSchema(), issues)).orElse(List.of());
        // Without a cases sheet every patient would be "unknown"; that error is reported once, as the missing sheet.
        Set<String> patients = casesSheet.isPresent() ? patientIds(casesSheet.get(), cases) : null;

        List<Measurement> measurements = required(MeasurementsSheet.LAYOUT, sheets, source, issues)
                .map(sheet -> PfRatioDeriver.complete(MeasurementsSheet.read(sheet, protocol, patients, issues), sheet.name(), protocol, issues))
                .orElse(List.of());
        List<CtStudy> ctStudies = optional(CtStudiesSheet.LAYOUT, sheets, issues, sheet -> CtStudiesSheet.read(sheet, protocol, patients, issues));
        boolean kazerooni = KAZEROONI.equalsIgnoreCase(protocol.ctScoring().system());
        List<IchikadoRead> ichikadoReads = kazerooni
                ? optional(IchikadoReadsSheet.LAYOUT, sheets, issues, sheet -> IchikadoReadsSheet.read(sheet, protocol, patients, issues))
                : required(IchikadoReadsSheet.LAYOUT, sheets, source, issues).map(sheet -> IchikadoReadsSheet.read(sheet, protocol, patients, issues)).orElse(List.of());
        List<KazerooniRead> kazerooniReads = kazerooni
                ? required(KazerooniReadsSheet.LAYOUT, sheets, source, issues).map(sheet -> KazerooniReadsSheet.read(sheet, protocol, patients, issues)).orElse(List.of())
                : optional(KazerooniReadsSheet.LAYOUT, sheets, issues, sheet -> KazerooniReadsSheet.read(sheet, protocol, patients, issues));
        List<AdverseEvent> adverseEvents = optional(AdverseEventsSheet.LAYOUT, sheets, issues, sheet -> AdverseEventsSheet.read(sheet, patients, issues));

        if (issues.hasErrors()) {
            throw new WorkbookImportException(folderOrXlsx.toString(), issues.errors());
        }
        CaseWorkbook workbook = new CaseWorkbook(cases, measurements, ctStudies, ichikadoReads, kazerooniReads, adverseEvents);
        return new ImportResult(workbook, issues.warnings());
    }

    private static SheetSource sourceOf(Path path)
    {
        if (Files.isDirectory(path)) {
            return new CsvSheetSource(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new CasebookException(ErrorCode.NOT_FOUND, "case workbook not found: " + path);
        }
        if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "a case workbook is a folder of CSV files or an .xlsx file, not " + path);
        }
        return new XlsxSheetSource(path);
    }

    /** The sheet screening writes beside the cases: where each value came from (docs/screening.md). */
    static final String PROVENANCE = "provenance";

    private static void warnUnknownSheets(Map<String, Sheet> sheets, SheetSource source, ImportIssues issues)
    {
        Set<String> known = new HashSet<>();
        known.add(CasesSheet.NAME);
        known.add(WorkbookTable.ABOUT); // a template's description of the columns, read by people only
        known.add(PROVENANCE); // screening's record of each value's source records, read by people only
        LAYOUTS.forEach(layout -> known.add(layout.baseName()));
        for (Map.Entry<String, Sheet> entry : sheets.entrySet()) {
            if (!known.contains(entry.getKey())) {
                issues.warning(entry.getValue().name(), 0, null, null, "unknown " + source.kind() + " ignored");
            }
        }
    }

    /** The sheet with its required columns present, or empty after reporting why not. */
    private static Optional<Sheet> required(SheetLayout layout, Map<String, Sheet> sheets, SheetSource source, ImportIssues issues)
    {
        Sheet sheet = sheets.get(layout.baseName());
        if (sheet == null) {
            issues.error(source.sheetName(layout.baseName()), 0, null, null, "required " + source.kind() + " missing");
            return Optional.empty();
        }
        return layout.checkColumns(sheet, issues) ? Optional.of(sheet) : Optional.empty();
    }

    private static <T> List<T> optional(SheetLayout layout, Map<String, Sheet> sheets, ImportIssues issues, Function<Sheet, List<T>> reader)
    {
        Sheet sheet = sheets.get(layout.baseName());
        if (sheet == null || !layout.checkColumns(sheet, issues)) {
            return List.of();
        }
        return reader.apply(sheet);
    }

    /** Every patient id written in the cases sheet, valid row or not, so a bad case row does not cascade. */
    private static Set<String> patientIds(Sheet casesSheet, List<CaseRecord> cases)
    {
        Set<String> ids = new HashSet<>();
        casesSheet.rows().forEach(row -> Optional.ofNullable(row.text("patient_id")).ifPresent(ids::add));
        cases.forEach(record -> ids.add(record.patientId()));
        return ids;
    }
}
