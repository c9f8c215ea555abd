package org.casebook.workbook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

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
    private final boolean rowSources;

    public WorkbookImporter(StudyProtocol protocol)
    {
        this(protocol, true);
    }

    private WorkbookImporter(StudyProtocol protocol, boolean rowSources)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.rowSources = rowSources;
    }

    /**
     * An importer for analysis and reports, which show no value's source: each value's source
     * is its sheet ({@code measurements.csv}), not its {@code source} cell or row. Validation and
     * errors are the same; a 100,000-patient workbook keeps a few hundred MB less.
     */
    public WorkbookImporter withSheetSources()
    {
        return new WorkbookImporter(protocol, false);
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
        // what reading the sheets finds comes first, then what validating them finds (ImportIssues)
        ImportIssues reading = issues.section();
        ImportIssues checking = issues.section();
        KeptValues kept = new KeptValues(rowSources);
        CaseWorkbook workbook;
        try (SheetSource source = sourceOf(folderOrXlsx)) {
            Map<String, Sheet> sheets = source.openSheets(reading);
            Set<String> validated = new HashSet<>();
            validated.add(CasesSheet.NAME);
            LAYOUTS.forEach(layout -> validated.add(layout.baseName()));
            // the other sheets are read through too: a damaged one is reported as any sheet is
            sheets.forEach((key, sheet) -> {
                if (!validated.contains(key)) {
                    sheet.drain();
                }
            });
            warnUnknownSheets(sheets, source, checking);

            Set<String> patientIds = new HashSet<>();
            Optional<List<CaseRecord>> casesRead = read(CasesSheet.layout(protocol.caseSchema()), true, sheets, source, checking.section(),
                    (sheet, local) -> CasesSheet.read(sheet, protocol.caseSchema(), patientIds, local, kept));
            List<CaseRecord> cases = casesRead.orElse(List.of());
            // Without a cases sheet every patient would be "unknown"; that error is reported once, as the missing sheet.
            Set<String> patients = casesRead.isPresent() ? patientIds : null;

            // each sheet's issues have their place in the order before any is read
            ImportIssues measurementsIssues = checking.section();
            ImportIssues ctStudiesIssues = checking.section();
            ImportIssues ichikadoIssues = checking.section();
            ImportIssues kazerooniIssues = checking.section();
            ImportIssues adverseEventsIssues = checking.section();
            // The measurements are read beside the CT and adverse-event sheets, on a second thread
            // when the source allows it: the two halves of a large workbook's rows (1.9 million
            // measurements, 3.6 million CT read rows at 100,000 patients) take about as long.
            Callable<List<Measurement>> measurementsReader = () -> read(MeasurementsSheet.LAYOUT, true, sheets, source, measurementsIssues,
                    (sheet, local) -> {
                        PfRatioDeriver deriver = new PfRatioDeriver(protocol, kept);
                        List<Measurement> read = MeasurementsSheet.read(sheet, protocol, patients, local, kept, deriver);
                        return deriver.complete(read, sheet.name(), local);
                    }).orElse(List.of());
            SideTask<List<Measurement>> measurementsTask = source.readsSheetsInParallel() ? SideTask.start("casebook-import-measurements", measurementsReader) : null;
            List<Measurement> measurements = measurementsTask == null ? SideTask.call(measurementsReader) : null;
            List<CtStudy> ctStudies;
            List<IchikadoRead> ichikadoReads;
            List<KazerooniRead> kazerooniReads;
            Optional<List<AdverseEvent>> adverseEventsRead;
            try {
                ctStudies = read(CtStudiesSheet.LAYOUT, false, sheets, source, ctStudiesIssues,
                        (sheet, local) -> CtStudiesSheet.read(sheet, protocol, patients, local, kept)).orElse(List.of());
                boolean kazerooni = KAZEROONI.equalsIgnoreCase(protocol.ctScoring().system());
                ichikadoReads = read(IchikadoReadsSheet.LAYOUT, !kazerooni, sheets, source, ichikadoIssues,
                        (sheet, local) -> IchikadoReadsSheet.read(sheet, protocol, patients, local, kept)).orElse(List.of());
                kazerooniReads = read(KazerooniReadsSheet.LAYOUT, kazerooni, sheets, source, kazerooniIssues,
                        (sheet, local) -> KazerooniReadsSheet.read(sheet, protocol, patients, local, kept)).orElse(List.of());
                adverseEventsRead = read(AdverseEventsSheet.LAYOUT, false, sheets, source, adverseEventsIssues,
                        (sheet, local) -> AdverseEventsSheet.read(sheet, protocol.caseSchema().adverseEvents(), patients, local, kept));
            }
            catch (RuntimeException | Error e) {
                if (measurementsTask != null) {
                    measurementsTask.cancel();
                }
                throw e;
            }
            if (measurementsTask != null) {
                measurements = measurementsTask.result();
            }
            List<AdverseEvent> adverseEvents = adverseEventsRead.orElse(List.of());

            if (issues.hasErrors()) {
                throw new WorkbookImportException(folderOrXlsx.toString(), issues.errors(), issues.errorCount());
            }
            workbook = new CaseWorkbook(cases, measurements, ctStudies, ichikadoReads, kazerooniReads, adverseEvents, adverseEventsRead.isPresent());
        }
        return new ImportResult(workbook, issues.warnings());
    }

    /**
     * Validates one sheet as it is read, its issues in {@code local}, a section of their own. A sheet that is
     * absent, or turns out unreadable (its reading reported why), gives nothing, and an error
     * when it is required; one without its required columns gives nothing, after being read
     * through for what reading finds.
     */
    private static <T> Optional<T> read(SheetLayout layout, boolean required, Map<String, Sheet> sheets, SheetSource source, ImportIssues local,
            BiFunction<Sheet, ImportIssues, T> reader)
    {
        Sheet sheet = sheets.get(layout.baseName());
        T result = null;
        if (sheet != null && !sheet.failed() && layout.checkColumns(sheet, local)) {
            result = reader.apply(sheet, local);
        }
        if (sheet != null) {
            sheet.drain();
        }
        if (sheet == null || sheet.failed()) {
            local.clear();
            if (required) {
                local.error(source.sheetName(layout.baseName()), 0, null, null, "required " + source.kind() + " missing");
            }
            return Optional.empty();
        }
        return Optional.ofNullable(result);
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
            // an unreadable file is reported as such, not as unknown
            if (!known.contains(entry.getKey()) && !entry.getValue().failed()) {
                issues.warning(entry.getValue().name(), 0, null, null, "unknown " + source.kind() + " ignored");
            }
        }
    }
}
