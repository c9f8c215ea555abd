package org.casebook.workbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 */
final class CsvSheetSource
        implements SheetSource
{
    private static final String EXTENSION = ".csv";

    private final Path folder;

    CsvSheetSource(Path folder)
    {
        this.folder = requireNonNull(folder, "folder is null");
    }

    @Override
    public Map<String, Sheet> readSheets(ImportIssues issues)
    {
        Map<String, Sheet> sheets = new LinkedHashMap<>();
        for (Path file : csvFiles()) {
            String fileName = file.getFileName().toString();
            String baseName = fileName.substring(0, fileName.length() - EXTENSION.length()).toLowerCase(Locale.ROOT);
            if (sheets.containsKey(baseName)) {
                issues.error(fileName, 0, null, null, "a second file for the sheet " + baseName + " (file names are compared without case)");
                continue;
            }
            readSheet(file, fileName, issues).ifPresent(sheet -> sheets.put(baseName, sheet));
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

    private static Optional<Sheet> readSheet(Path file, String name, ImportIssues issues)
    {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (CharacterCodingException e) {
            issues.error(name, 0, null, null, "not valid UTF-8 text; save the file as CSV UTF-8");
            return Optional.empty();
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (CSVParser parser = CSVParser.parse(text, CSVFormat.RFC4180)) {
            return Optional.of(toSheet(name, parser.iterator(), issues));
        }
        catch (IOException | UncheckedIOException | IllegalStateException e) {
            issues.error(name, 0, null, null, "not a valid CSV file: "
                    + Messages.shorten(java.util.Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()), 300));
            return Optional.empty();
        }
    }

    private static Sheet toSheet(String name, Iterator<CSVRecord> records, ImportIssues issues)
    {
        if (!records.hasNext()) {
            return new Sheet(name, List.of(), List.of());
        }
        List<String> columns = HeaderBuilder.columns(name, records.next().toList(), issues);
        List<SheetRow> rows = new ArrayList<>();
        while (records.hasNext()) {
            CSVRecord record = records.next();
            Map<String, String> cells = new HashMap<>();
            for (int i = 0; i < Math.min(record.size(), columns.size()); i++) {
                String value = record.get(i).strip();
                if (columns.get(i) != null && !value.isEmpty()) {
                    cells.put(columns.get(i), value);
                }
            }
            SheetRow row = new SheetRow((int) record.getRecordNumber() - 1, cells);
            if (!row.isEmpty()) {
                rows.add(row);
            }
        }
        return new Sheet(name, columns.stream().filter(Objects::nonNull).toList(), rows);
    }
}
