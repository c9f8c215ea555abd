package org.casebook.workbook;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.error.Messages;

import static java.util.Objects.requireNonNull;

/**
 * A folder of UTF-8, comma-separated files, one per sheet ({@code cases.csv}, …). The first
 * record is the header; a leading byte order mark is tolerated. Files not ending in {@code .csv}
 * are ignored.
 *
 * <p>Each file is parsed as its rows are consumed, never held whole. A file that is not UTF-8
 * is one error and no rows wherever its bad byte is, as when files were decoded whole: the
 * rest of a file that is not valid CSV is still decoded to tell the two apart.
 */
final class CsvSheetSource
        implements SheetSource
{
    private static final String EXTENSION = ".csv";
    private static final String NOT_UTF8 = "not valid UTF-8 text; save the file as CSV UTF-8";

    private final Path folder;
    private final List<Closeable> open = new ArrayList<>();

    CsvSheetSource(Path folder)
    {
        this.folder = requireNonNull(folder, "folder is null");
    }

    @Override
    public Map<String, Sheet> openSheets(ImportIssues issues)
    {
        Map<String, Sheet> sheets = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        for (Path file : csvFiles()) {
            String fileName = file.getFileName().toString();
            String baseName = fileName.substring(0, fileName.length() - EXTENSION.length()).toLowerCase(Locale.ROOT);
            Sheet first = sheets.get(baseName);
            if (first != null) {
                // The first file of the name counts unless it is unreadable: only reading it to its end tells, and then it is read again.
                first.drain();
                if (!first.failed()) {
                    issues.error(fileName, 0, null, null, "a second file for the sheet " + baseName + " (file names are compared without case)");
                    sheets.put(baseName, open(files.get(baseName), files.get(baseName).getFileName().toString(), new ImportIssues()));
                    continue;
                }
            }
            files.put(baseName, file);
            sheets.put(baseName, open(file, fileName, issues.section()));
        }
        return sheets;
    }

    @Override
    public String sheetName(String baseName)
    {
        return baseName + EXTENSION;
    }

    @Override
    public String kind()
    {
        return "file";
    }

    @Override
    public boolean readsSheetsInParallel()
    {
        return true;
    }

    @Override
    public void close()
    {
        for (Closeable closeable : open) {
            try {
                closeable.close();
            }
            catch (IOException e) {
                // read only: nothing is lost
            }
        }
        open.clear();
    }

    private List<Path> csvFiles()
    {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(EXTENSION))
                    .sorted()
                    .toList();
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot list the workbook folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private Sheet open(Path file, String name, ImportIssues issues)
    {
        Reader reader;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + file + ": " + e.getMessage(), e);
        }
        Parse parse = new Parse(name, reader, issues);
        // the parsing thread stops before its file is closed
        open.add(parse::stop);
        open.add(reader);
        try {
            reader.mark(1);
            int first = reader.read();
            if (first != '\uFEFF') {
                reader.reset();
            }
            CSVParser parser = CSVParser.parse(reader, CSVFormat.RFC4180);
            open.add(parser);
            parse.records = parser.iterator();
            if (!parse.records.hasNext()) {
                return new Sheet(name, List.of(), issues, null);
            }
            List<String> columns = HeaderBuilder.columns(name, parse.records.next().toList(), issues);
            return new Sheet(name, columns, issues, parse);
        }
        catch (IOException | UncheckedIOException | IllegalStateException e) {
            parse.failed(e);
            return Sheet.unreadable(name, issues);
        }
    }

    /**
     * The data rows of one file, as CSV records. The records are parsed on a thread of their own,
     * a batch ahead of the rows being validated: parsing is about half the cost of a row, and a large
     * workbook's CT reads and measurements otherwise kept one core busy while the other waited.
     */
    private static final class Parse
            implements Sheet.RowReader
    {
        private final String name;
        private final Reader reader;
        private final ImportIssues issues;
        private Iterator<CSVRecord> records;
        private ReadAhead ahead;
        private ReadAhead.Batch batch;
        private int inBatch;

        Parse(String name, Reader reader, ImportIssues issues)
        {
            this.name = name;
            this.reader = reader;
            this.issues = issues;
        }

        @Override
        public SheetRow next(Sheet sheet)
                throws Sheet.Unreadable
        {
            if (ahead == null) {
                ahead = ReadAhead.start(name, records, sheet.headerWidth());
            }
            while (batch == null || inBatch == batch.size()) {
                if (batch != null && batch.failure() != null) {
                    failed(batch.failure());
                    throw new Sheet.Unreadable();
                }
                if (batch != null && batch.isLast()) {
                    return null;
                }
                batch = ahead.take();
                inBatch = 0;
            }
            int row = inBatch++;
            return new SheetRow(batch.number(row), sheet.columnIndex(), batch.cells(row));
        }

        /** Stops the parsing thread, if any: nothing more is read. */
        void stop()
        {
            if (ahead != null) {
                ahead.stop();
            }
        }

        /** Reports why the file cannot be read: not UTF-8 (anywhere in it), or else not CSV. */
        void failed(Exception e)
        {
            if (isCoding(e) || !restIsUtf8()) {
                issues.clear();
                issues.error(name, 0, null, null, NOT_UTF8);
                return;
            }
            issues.error(name, 0, null, null, "not a valid CSV file: "
                    + Messages.shorten(Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()), 300));
        }

        private static boolean isCoding(Throwable e)
        {
            for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause instanceof CharacterCodingException) {
                    return true;
                }
            }
            return false;
        }

        /** Decodes what is left of the file: whether it is UTF-8 to its end. */
        private boolean restIsUtf8()
        {
            char[] buffer = new char[8192];
            try {
                while (reader.read(buffer) >= 0) {
                    // only decoding
                }
                return true;
            }
            catch (CharacterCodingException e) {
                return false;
            }
            catch (IOException e) {
                return true;
            }
        }
    }
}
