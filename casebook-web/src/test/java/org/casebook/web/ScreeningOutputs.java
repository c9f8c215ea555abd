package org.casebook.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.casebook.workbook.WorkbookWriter;

/**
 * A small screening output as {@code casebook screen} writes it, for import tests: patients SC1
 * and SC2 included with their cases in {@code cases/}, P1 included (already a case of
 * {@link StudyFixture}'s study, so not in {@code cases/}), X9 excluded at {@code ra}.
 */
final class ScreeningOutputs
{
    static final String HEADER = "case_no,patient_id,status,day0,encounter_id,reason,evidence,matched_by_text\n";
    static final String LOG = HEADER
            + "1,SC1,included,2024-01-11,enc-1,,index_admission=Encounter/enc-1;ra=Condition/c1,\n"
            + "2,SC2,included,2024-01-12,enc-2,,index_admission=Encounter/enc-2,ra\n"
            + "3,P1,included,2024-01-13,enc-3,,,\n"
            + ",X9,excluded,,,ra,index_admission=Encounter/enc-9,\n";
    static final String FLOW = "{\"protocol\":\"ae-ra-ild-jaki\",\"patients_in_extract\":300,\"with_index_admission\":4,\"after_ra\":3,"
            + "\"included\":3,\"excluded_by_reason\":{\"ra\":1}}";

    private ScreeningOutputs() {}

    /** The output folder's files by path inside the zip ({@code out/screening.csv}, {@code out/cases/cases.csv}, …). */
    static Map<String, String> files()
    {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("out/screening.csv", LOG);
        files.put("out/flow.json", FLOW);
        try {
            Path folder = TestFolders.folder("casebook-screening-cases");
            new WorkbookWriter().writeCsvFolder(StudyFixture.workbook(2), folder);
            try (Stream<Path> csv = Files.list(folder)) {
                for (Path file : csv.sorted().toList()) {
                    files.put("out/cases/" + file.getFileName(), Files.readString(file).replace("P1", "SC1").replace("P2", "SC2"));
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static byte[] zip(Map<String, String> files)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Path zipFile(Map<String, String> files)
    {
        try {
            Path file = TestFolders.folder("casebook-screening-zip").resolve("screening-output.zip");
            Files.write(file, zip(files));
            return file;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
