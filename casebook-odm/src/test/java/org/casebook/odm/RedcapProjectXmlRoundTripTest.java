package org.casebook.odm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Random;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.error.CasebookException;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.redcap.MappingGenerator;
import org.casebook.redcap.RedcapExporter;
import org.casebook.redcap.RedcapImporter;
import org.casebook.workbook.WorkbookImporter;
import org.casebook.workbook.WorkbookWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * casebook → REDCap's project.xml ({@code casebook redcap export --project-xml}) → casebook
 * through the generated mapping gives back the cases; and a seeded fuzz of that file through the
 * lenient reader ends in cases or a message naming the file, never another exception.
 */
class RedcapProjectXmlRoundTripTest
{
    private static final StudyProtocol SEED = Protocols.builtIn(Protocols.SEED);

    private static Path exportSeedDemo(Path folder)
            throws IOException
    {
        CaseWorkbook demo = new WorkbookImporter(SEED).importFrom(OdmRoundTripTest.SEED_DEMO).workbook();
        RedcapExporter exporter = new RedcapExporter(SEED);
        RedcapExporter.Export export = exporter.export(demo);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("project.xml"), exporter.projectXml(export, Clock.systemUTC()));
        Files.writeString(folder.resolve("mapping.yaml"), new MappingGenerator(SEED, export.dictionary(), Map.of()).generate());
        new WorkbookWriter(SEED.caseSchema()).writeCsvFolder(demo, folder.resolve("original"));
        return folder;
    }

    @Test
    void casebooksOwnProjectXmlComesBackThroughTheGeneratedMapping(@TempDir Path temp)
            throws IOException
    {
        Path folder = exportSeedDemo(temp.resolve("redcap"));

        RedcapImporter.Result result = new RedcapProjectXmlImport(SEED).importTo(folder.resolve("project.xml"), folder.resolve("mapping.yaml"), temp.resolve("back"));

        assertThat(result.unmapped()).isEmpty();
        for (String sheet : OdmRoundTripTest.SHEETS) {
            Path expected = folder.resolve("original/" + sheet + ".csv");
            if (Files.exists(expected)) {
                // every cell but the source, which now names the project.xml line
                assertThat(OdmRoundTripTest.rows(temp.resolve("back/" + sheet + ".csv")).stream().map(row -> row.subList(0, row.size() - 1)).toList())
                        .as(sheet)
                        .containsExactlyInAnyOrderElementsOf(OdmRoundTripTest.rows(expected).stream().map(row -> row.subList(0, row.size() - 1)).toList());
            }
        }
    }

    @Test
    void mutatedProjectXmlFilesImportOrFailWithALocatedMessage(@TempDir Path temp)
            throws IOException
    {
        Path folder = exportSeedDemo(temp.resolve("redcap"));
        byte[] valid = Files.readAllBytes(folder.resolve("project.xml"));
        String noise = "<>&;\"'=/\n x1.é\u0000";
        Random random = new Random(20261206L);
        int rounds = 150 * Integer.getInteger("casebook.fuzz.scale", 1);
        int failures = 0;
        for (int round = 0; round < rounds; round++) {
            StringBuilder text = new StringBuilder(new String(valid, java.nio.charset.StandardCharsets.UTF_8));
            for (int edit = 0; edit < 1 + random.nextInt(3); edit++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(4)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, noise.charAt(random.nextInt(noise.length())));
                    case 2 -> text.setCharAt(at, noise.charAt(random.nextInt(noise.length())));
                    default -> text.setLength(at);
                }
            }
            Path file = temp.resolve("project.xml");
            Files.writeString(file, text);
            try {
                new RedcapProjectXmlImport(SEED).importTo(file, folder.resolve("mapping.yaml"), null);
            }
            catch (CasebookException e) {
                failures++;
                assertThat(e.getMessage()).as("round %d", round).containsAnyOf("project.xml", "mapping.yaml");
            }
            catch (RuntimeException e) {
                Files.copy(file, temp.resolve("crash-" + round + ".xml"));
                fail("round " + round + " threw " + e, e);
            }
        }
        assertThat(failures).isBetween(1, rounds - 1);
    }
}
