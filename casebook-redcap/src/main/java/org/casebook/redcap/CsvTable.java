package org.casebook.redcap;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;

import static java.util.Objects.requireNonNull;

/**
 * A CSV file as REDCap writes it (UTF-8, a byte order mark tolerated, RFC 4180 quoting): the
 * header and the data rows, numbered from 1 under the header. Completely empty rows are skipped
 * but still counted, so row numbers match what a spreadsheet shows below the header.
 */
record CsvTable(String file, List<String> header, List<Row> rows)
{
    /** One data row: its number under the header and its cells by column name (absent cells blank). */
    record Row(int number, Map<String, String> cells)
    {
        String cell(String column)
        {
            String value = cells.get(column);
            return value == null ? "" : value;
        }
    }

    CsvTable
    {
        requireNonNull(file, "file is null");
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /**
     * @param name the file's name in messages
     * @throws RedcapImportException when the header is missing or repeats a column, or a row has more cells than the header
     */
    static CsvTable read(Path path, String name)
    {
        return parse(readText(path), name);
    }

    static CsvTable parse(String text, String name)
    {
        List<RedcapIssue> issues = new ArrayList<>();
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> header = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        try (Reader reader = new StringReader(content);
                CSVParser parser = CSVFormat.RFC4180.parse(reader)) {
            int number = -1;
            for (CSVRecord record : parser) {
                number++;
                if (number == 0) {
                    header.addAll(headerOf(record, name, issues));
                    continue;
                }
                if (isEmpty(record)) {
                    continue;
                }
                if (record.size() > header.size()) {
                    issues.add(new RedcapIssue(name, number, null, null, "the row has " + record.size() + " cells, the header " + header.size()));
                    continue;
                }
                Map<String, String> cells = new LinkedHashMap<>();
                for (int i = 0; i < record.size(); i++) {
                    cells.put(header.get(i), record.get(i));
                }
                rows.add(new Row(number, cells));
            }
        }
        catch (IOException | UncheckedIOException | IllegalStateException e) {
            issues.add(new RedcapIssue(name, 0, null, null, "not a readable CSV file: " + e.getMessage()));
        }
        if (!issues.isEmpty()) {
            throw new RedcapImportException(name, issues);
        }
        return new CsvTable(name, header, rows);
    }

    boolean hasColumn(String column)
    {
        return header.contains(column);
    }

    private static List<String> headerOf(CSVRecord record, String name, List<RedcapIssue> issues)
    {
        List<String> header = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String column : record) {
            String clean = column.strip();
            if (!clean.isEmpty() && !seen.add(clean)) {
                issues.add(new RedcapIssue(name, 0, clean, null, "the column appears twice in the header"));
            }
            header.add(clean);
        }
        return header;
    }

    private static boolean isEmpty(CSVRecord record)
    {
        for (String cell : record) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    static String readText(Path path)
    {
        try {
            byte[] bytes = Files.readAllBytes(path);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        }
        catch (NoSuchFileException e) {
            throw new CasebookException(ErrorCode.NOT_FOUND, "file not found: " + path);
        }
        catch (CharacterCodingException e) {
            throw new RedcapImportException(path.toString(), List.of(new RedcapIssue(path.toString(), 0, null, null, "not UTF-8 text")));
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
