package org.casebook.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.workbook.WorkbookWriter;

/**
 * A small protocol of another shape than the seed's ({@code src/test/resources/protocols/small-anticoag}):
 * day 0 is the required date field {@code index_date}, and the cases have a number with a range,
 * a category, an agent from a code set, a yes/no, an integer, two dates (discharge not before
 * admission) and a text field.
 */
final class ProtocolFixture
{
    private ProtocolFixture() {}

    static Path folder()
    {
        try {
            return Path.of(ProtocolFixture.class.getResource("/protocols/small-anticoag/protocol.yaml").toURI()).getParent();
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static StudyProtocol protocol()
    {
        return Protocols.fromFile(folder().resolve("protocol.yaml"));
    }

    /** The protocol's folder zipped, inside a folder {@code small-anticoag/} as a zipped folder is. */
    static byte[] zip()
    {
        return zip(Map.of());
    }

    /** The zip with some files' text replaced (path relative to the protocol → new text). */
    static byte[] zip(Map<String, String> replaced)
    {
        Path folder = folder();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String path = folder.relativize(file).toString().replace('\\', '/');
                zip.putNextEntry(new ZipEntry("small-anticoag/" + path));
                zip.write((replaced.containsKey(path) ? replaced.get(path) : Files.readString(file)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String protocolText()
    {
        try {
            return Files.readString(folder().resolve("protocol.yaml"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A workbook folder for the protocol whose cases sheet is {@code casesCsv} (header
     * {@code patient_id} and the protocol's fields) and whose other sheets are empty.
     */
    static Path workbook(String casesCsv)
    {
        try {
            Path folder = TestFolders.folder("casebook-protocol-workbook");
            new WorkbookWriter(protocol().caseSchema()).writeCsvFolder(new CaseWorkbook(List.of(), List.of(), List.of(), List.of(), List.of(), List.of()), folder);
            Files.writeString(folder.resolve("cases.csv"), casesCsv);
            return folder;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases sheet's header and one row, cells by field name (missing ones blank). */
    static String casesCsv(String patientId, Map<String, String> cells)
    {
        List<String> columns = protocol().caseSchema().columns();
        List<String> row = new ArrayList<>();
        for (String column : columns) {
            row.add(column.equals("patient_id") ? patientId : cells.getOrDefault(column, ""));
        }
        return String.join(",", columns) + "\n" + String.join(",", row) + "\n";
    }

    /** The files of a workbook folder, for an upload. */
    static List<Path> files(Path folder)
    {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".csv")).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
