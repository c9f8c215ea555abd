package org.casebook.workbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.protocol.Protocols;
import org.casebook.schema.CaseSchema;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;

import static java.util.Objects.requireNonNull;

/**
 * Writes a {@link CaseWorkbook} in the import format (docs/workbook.md): a folder of CSV files or
 * one .xlsx file, every sheet written (optional ones with a header only when empty) and each
 * value's source in the {@code source} column, so that importing the output gives back an equal
 * workbook. Writes are atomic: the output is written next to the target, then moved into place.
 */
public final class WorkbookWriter
{
    private final CaseSchema schema;

    /** A writer of the seed study's layout. */
    public WorkbookWriter()
    {
        this(Protocols.builtIn(Protocols.SEED).caseSchema());
    }

    /** A writer whose cases sheet has the schema's columns. */
    public WorkbookWriter(CaseSchema schema)
    {
        this.schema = requireNonNull(schema, "schema is null");
    }

    /**
     * Writes {@code cases.csv}, {@code measurements.csv}, … into {@code folder}. An existing folder
     * is replaced only when it holds nothing but CSV files.
     *
     * @throws CasebookException when the folder cannot be written or holds other files
     */
    public void writeCsvFolder(CaseWorkbook workbook, Path folder)
    {
        writeCsvFolder(WorkbookTable.of(workbook, schema), folder);
    }

    /**
     * Writes an empty workbook of the schema's layout with an {@code about} sheet describing every
     * column (label, kind, whether required, unit, allowed values, help): an .xlsx file when the
     * name ends so, otherwise a folder of CSV files.
     */
    public void writeTemplate(Path target)
    {
        CaseWorkbook empty = new CaseWorkbook(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        List<WorkbookTable> tables = new java.util.ArrayList<>(WorkbookTable.of(empty, schema));
        tables.add(WorkbookTable.about(schema));
        if (target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            writeXlsx(tables, target);
        }
        else {
            writeCsvFolder(tables, target);
        }
    }

    private void writeCsvFolder(List<WorkbookTable> tables, Path folder)
    {
        Path target = folder.toAbsolutePath();
        Path parent = createParent(target);
        requireReplaceableFolder(target);
        Path temp = null;
        try {
            temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
            for (WorkbookTable table : tables) {
                writeCsv(table, temp.resolve(table.layout().baseName() + ".csv"));
            }
            replaceFolder(temp, target);
            temp = null;
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot write the case workbook folder " + target + ": " + e.getMessage(), e);
        }
        finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Writes one .xlsx workbook with a sheet per table; dates are date-typed cells shown as
     * yyyy-mm-dd, numbers numeric cells.
     *
     * @throws CasebookException when the file cannot be written
     */
    public void writeXlsx(CaseWorkbook workbook, Path file)
    {
        requireNonNull(workbook, "workbook is null");
        writeXlsx(WorkbookTable.of(workbook, schema), file);
    }

    private void writeXlsx(List<WorkbookTable> tables, Path file)
    {
        Path target = file.toAbsolutePath();
        Path parent = createParent(target);
        Path temp = null;
        try {
            temp = Files.createTempFile(parent, "." + target.getFileName() + ".tmp-", ".xlsx");
            try (XSSFWorkbook xlsx = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(temp)) {
                CellStyle dateStyle = xlsx.createCellStyle();
                dateStyle.setDataFormat(xlsx.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
                for (WorkbookTable table : tables) {
                    writeSheet(table, xlsx.createSheet(table.layout().baseName()), dateStyle);
                }
                xlsx.write(out);
            }
            move(temp, target);
            temp = null;
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot write the case workbook " + target + ": " + e.getMessage(), e);
        }
        finally {
            deleteQuietly(temp);
        }
    }

    private static void writeCsv(WorkbookTable table, Path file)
            throws IOException
    {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180)) {
            printer.printRecord(table.layout().columns());
            for (List<Object> row : table.rows()) {
                printer.printRecord(row.stream().map(WorkbookTable::text).toList());
            }
        }
    }

    private static void writeSheet(WorkbookTable table, Sheet sheet, CellStyle dateStyle)
    {
        List<String> columns = table.layout().columns();
        Row header = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            header.createCell(i).setCellValue(columns.get(i));
        }
        for (int r = 0; r < table.rows().size(); r++) {
            Row row = sheet.createRow(r + 1);
            List<Object> values = table.rows().get(r);
            for (int i = 0; i < values.size(); i++) {
                writeCell(row, i, values.get(i), dateStyle);
            }
        }
    }

    private static void writeCell(Row row, int column, Object value, CellStyle dateStyle)
    {
        if (value == null) {
            return;
        }
        Cell cell = row.createCell(column);
        if (value instanceof Double number) {
            cell.setCellValue(number);
        }
        else if (value instanceof Integer number) {
            cell.setCellValue(number);
        }
        else if (value instanceof LocalDate date) {
            cell.setCellValue(date);
            cell.setCellStyle(dateStyle);
        }
        else {
            cell.setCellValue(WorkbookTable.text(value));
        }
    }

    private static Path createParent(Path target)
    {
        Path parent = target.getParent();
        try {
            Files.createDirectories(parent);
            return parent;
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot create " + parent + ": " + e.getMessage(), e);
        }
    }

    private static void requireReplaceableFolder(Path target)
    {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot write the case workbook folder " + target + ": a file of that name exists");
        }
        try (Stream<Path> files = Files.list(target)) {
            if (!files.allMatch(file -> Files.isRegularFile(file) && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))) {
                throw new CasebookException(ErrorCode.BAD_INPUT, "will not replace " + target + ": it holds files other than CSV files");
            }
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot list " + target + ": " + e.getMessage(), e);
        }
    }

    /** Moves the finished folder into place; an old folder is moved aside first and deleted after. */
    private static void replaceFolder(Path temp, Path target)
            throws IOException
    {
        if (!Files.exists(target)) {
            move(temp, target);
            return;
        }
        Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
        Files.delete(old);
        move(target, old);
        move(temp, target);
        deleteQuietly(old);
    }

    private static void move(Path from, Path to)
            throws IOException
    {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path path)
    {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary " + path, e);
        }
    }
}
