package org.casebook.screening.omop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
 */
final class CsvTable
        implements OmopTable
{
    private final Path path;
    private final String name;
    private final char delimiter;
    private final List<String> columns;

    private CsvTable(Path path, String name, char delimiter, List<String> columns)
    {
        this.path = requireNonNull(path, "path is null");
        this.name = requireNonNull(name, "name is null");
        this.delimiter = delimiter;
        this.columns = List.copyOf(columns);
    }

    /** Reads the header line of {@code path}, a table named {@code name}. */
    static CsvTable open(Path path, String name)
    {
        String header;
        try (BufferedReader reader = utf8(path)) {
            header = reader.readLine();
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + path.getFileName() + ": " + e.getMessage(), e);
        }
        if (header == null) {
            return new CsvTable(path, name, ',', List.of());
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
            throw new CasebookException(ErrorCode.BAD_INPUT, path.getFileName() + " line 1: unreadable header (" + OmopReader.printable(firstLine(e.getMessage())) + ")", e);
        }
        return new CsvTable(path, name, delimiter, columns);
    }

    /** UTF-8 text; bytes that are not UTF-8 read as U+FFFD (as FHIR lines are), so a damaged value is a bad value, not an unreadable file. */
    private static BufferedReader utf8(Path path)
            throws IOException
    {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8), 1 << 16);
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
        return path.getFileName().toString();
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
        Map<String, Integer> indexes = new HashMap<>();
        for (int index = 0; index < columns.size(); index++) {
            indexes.putIfAbsent(columns.get(index), index);
        }
        try (Reader reader = utf8(path);
                CSVParser parser = CSVParser.parse(reader, format(delimiter))) {
            Iterator<CSVRecord> records = parser.iterator();
            long line = 1;
            boolean header = true;
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
                line = parser.getCurrentLineNumber() + 1;
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
