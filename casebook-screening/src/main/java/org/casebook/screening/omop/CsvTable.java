package org.casebook.screening.omop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;

import static java.util.Objects.requireNonNull;

/**
 * A CDM table as a text file with a header, as OHDSI tools write them: comma-separated with
 * double quotes ({@code PERSON.csv}, {@code person.csv}), or tab-separated without quoting as the
 * Athena vocabulary download ({@code CONCEPT.csv} with {@code YYYYMMDD} dates). The delimiter is
 * the header's: a tab in the first line makes the file tab-separated.
 * <p>
 * A table may also be read in parts ({@link #part}), as the Spark engine reads a large file: the
 * rows of the lines that begin in a range of its bytes, numbered as in the whole file. That is
 * exact only where every line is a row: a tab-separated file, or a comma-separated one without a
 * quote character (a quoted value may hold a line break) and without a carriage return that does not end a line.
 */
public final class CsvTable
        implements OmopTable
{
    /** Opens a table file's bytes (or a part's: the lines that begin in a range of them). */
    @FunctionalInterface
    public interface Bytes
    {
        InputStream open()
                throws IOException;
    }

    private final String file;
    private final Bytes bytes;
    private final String name;
    private final char delimiter;
    private final List<String> columns;
    /** The number of the first line {@code bytes} holds, and whether it is the header. */
    private final long firstLine;
    private final boolean header;

    private CsvTable(String file, Bytes bytes, String name, char delimiter, List<String> columns, long firstLine, boolean header)
    {
        this.file = requireNonNull(file, "file is null");
        this.bytes = requireNonNull(bytes, "bytes is null");
        this.name = requireNonNull(name, "name is null");
        this.delimiter = delimiter;
        this.columns = List.copyOf(columns);
        this.firstLine = firstLine;
        this.header = header;
    }

    /** Reads the header line of {@code path}, a table named {@code name}. */
    static CsvTable open(Path path, String name)
    {
        return open(path.getFileName().toString(), () -> Files.newInputStream(path), name);
    }

    /**
     * Reads the header line of a table file named {@code file} (skipped.csv's name for it) whose
     * bytes {@code bytes} opens, a table named {@code name}.
     */
    public static CsvTable open(String file, Bytes bytes, String name)
    {
        String header;
        try (BufferedReader reader = utf8(bytes)) {
            header = reader.readLine();
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (header == null) {
            return new CsvTable(file, bytes, name, ',', List.of(), 1, true);
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        char delimiter = header.indexOf('\t') >= 0 ? '\t' : ',';
        List<String> columns = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(header, format(delimiter))) {
            for (CSVRecord record : parser) {
                record.forEach(column -> columns.add(column.strip().toLowerCase(Locale.ROOT)));
            }
        }
        catch (IOException | UncheckedIOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, file + " line 1: unreadable header (" + OmopReader.printable(firstLine(e.getMessage())) + ")", e);
        }
        return new CsvTable(file, bytes, name, delimiter, columns, 1, true);
    }

    /**
     * A part of this table: the rows of the lines {@code bytes} opens, the first of them line
     * {@code firstLine} of the file (line 1 is the header, passed over). Exact only for a file
     * whose every line is a row ({@link #mayBeCut}).
     */
    public CsvTable part(Bytes part, long firstLine)
    {
        return new CsvTable(file, part, name, delimiter, columns, firstLine, firstLine == 1);
    }

    /**
     * Whether the table may be read in parts cut at line ends, given whether its bytes hold a
     * quote character and a carriage return that does not end a line: a tab-separated file (never
     * quoted) without such a return, or a comma-separated one without either.
     */
    public boolean mayBeCut(boolean hasQuote, boolean hasLoneReturn)
    {
        return !hasLoneReturn && (delimiter == '\t' || !hasQuote);
    }

    /** UTF-8 text; bytes that are not UTF-8 read as U+FFFD (as FHIR lines are), so a damaged value is a bad value, not an unreadable file. */
    private static BufferedReader utf8(Bytes bytes)
            throws IOException
    {
        return new BufferedReader(new InputStreamReader(bytes.open(), StandardCharsets.UTF_8), 1 << 16);
    }

    private static CSVFormat format(char delimiter)
    {
        CSVFormat.Builder builder = CSVFormat.DEFAULT.builder().setDelimiter(delimiter);
        if (delimiter == '\t') {
            builder.setQuote(null);
        }
        return builder.get();
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public String file()
    {
        return file;
    }

    @Override
    public List<String> columns()
    {
        return columns;
    }

    @Override
    public void forEachRow(RowConsumer consumer)
            throws IOException
    {
        Map<String, Integer> indexes = columnIndexes();
        try (Reader reader = utf8(bytes);
                CSVParser parser = CSVParser.parse(reader, format(delimiter))) {
            Iterator<CSVRecord> records = parser.iterator();
            long line = firstLine;
            boolean header = this.header;
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                }
                catch (UncheckedIOException | IllegalStateException e) {
                    throw new CasebookException(ErrorCode.BAD_INPUT, file() + " after line " + line + ": unreadable CSV (" + OmopReader.printable(firstLine(e.getMessage()))
                            + "); fix the file's quoting", e);
                }
                long start = line;
                line = firstLine + parser.getCurrentLineNumber();
                if (header) {
                    header = false;
                    continue;
                }
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                consumer.accept(new OmopRow(start, indexes, Arrays.asList(record.values())));
            }
        }
    }

    private static String firstLine(String message)
    {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
