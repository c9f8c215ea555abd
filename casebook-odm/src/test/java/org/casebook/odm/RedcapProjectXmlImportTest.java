package org.casebook.odm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.redcap.RedcapImporter;
import org.casebook.workbook.WorkbookWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * REDCap's project.xml of three shared projects imported end to end through the mappings the
 * REDCap import uses for their CSV exports: the same cases, value for value, located by XML line.
 */
class RedcapProjectXmlImportTest
{
    static final Path SHARED = SharedRedcapProjectXmlTest.SHARED;
    static final Path MAPPINGS = Path.of("../casebook-redcap/src/test/resources/redcap");

    @BeforeAll
    static void sharedExportsArePresent()
    {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "the shared REDCap exports are not at " + SHARED.toAbsolutePath().normalize());
    }

    private static void sameCasesAsTheCsvExport(String project, String mappingFolder, Path temp)
            throws IOException
    {
        StudyProtocol protocol = Protocols.fromFile(MAPPINGS.resolve(mappingFolder + "/protocol.yaml"));
        Path mapping = MAPPINGS.resolve(mappingFolder + "/mapping.yaml");
        Path folder = SHARED.resolve(project);
        Path events = Files.exists(folder.resolve("event.csv")) ? folder.resolve("event.csv") : null;
        RedcapImporter.Result csv = new RedcapImporter(protocol).read(new RedcapImporter.Input(folder.resolve("dictionary.csv"), folder.resolve("data.csv"), events, mapping));

        RedcapImporter.Result xml = new RedcapProjectXmlImport(protocol).importTo(folder.resolve("project.xml"), mapping, temp.resolve("from-xml"));

        new WorkbookWriter(protocol.caseSchema()).writeCsvFolder(csv.workbook(), temp.resolve("from-csv"));
        for (String sheet : OdmRoundTripTest.SHEETS) {
            Path expected = temp.resolve("from-csv/" + sheet + ".csv");
            if (Files.exists(expected)) {
                List<List<String>> expectedRows = OdmRoundTripTest.rows(expected).stream().map(row -> row.subList(0, row.size() - 1)).toList();
                List<List<String>> actualRows = OdmRoundTripTest.rows(temp.resolve("from-xml/" + sheet + ".csv")).stream().map(row -> row.subList(0, row.size() - 1)).toList();
                assertThat(actualRows).as(project + " " + sheet).containsExactlyInAnyOrderElementsOf(expectedRows);
            }
        }
        assertThat(xml.placed()).isEqualTo(csv.placed()).isPositive();
        assertThat(xml.unmapped()).containsExactlyInAnyOrderElementsOf(csv.unmapped());
        assertThat(xml.workbook().cases()).allSatisfy(record -> assertThat(record.source().location()).matches("project\\.xml line \\d+"));
    }

    @Test
    void theRepeatingInstrumentsProject(@TempDir Path temp)
            throws IOException
    {
        sameCasesAsTheCsvExport("repeating-instruments", "repeating", temp);
    }

    @Test
    void theLongitudinalProject(@TempDir Path temp)
            throws IOException
    {
        sameCasesAsTheCsvExport("longitudinal", "longitudinal", temp);
    }

    @Test
    void theSparseProjectsMissingConsentDateIsNamedByItsXmlLine(@TempDir Path temp)
            throws IOException
    {
        StudyProtocol protocol = Protocols.fromFile(MAPPINGS.resolve("repeating/protocol.yaml"));
        Path xml = SHARED.resolve("repeating-instruments-sparse/project.xml");
        Path out = temp.resolve("cases");
        assertThatThrownBy(() -> new RedcapProjectXmlImport(protocol).importTo(xml, MAPPINGS.resolve("repeating/mapping.yaml"), out))
                .isInstanceOf(OdmImportException.class)
                .hasMessageMatching("(?s).*project\\.xml line \\d+, record 5, no ItemData date_enrolled: required value missing.*");
        assertThat(out).doesNotExist();
    }
}
