package org.casebook.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.store.StudyDatabase;
import org.casebook.store.cases.CaseImport;
import org.casebook.store.cases.CaseSummary;
import org.casebook.store.cases.CaseValueValidator;
import org.casebook.store.cases.Cases;
import org.casebook.store.cases.ValueEdit;
import org.casebook.store.study.Studies;
import org.casebook.store.study.Study;
import org.casebook.workbook.WorkbookImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class OdmCommandTest
{
    @Test
    void exportAndImportGiveBackTheDemoCases(@TempDir Path temp)
            throws IOException
    {
        Path demo = DemoWorkbook.unpackTo(temp.resolve("demo"));
        Path xml = temp.resolve("odm/study.xml");

        CliRun export = CliRun.of("odm", "export", "--protocol", "ae-ra-ild-jaki", "--cases", demo.toString(), "--out", xml.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("6 subjects");

        CliRun imported = CliRun.of("odm", "import", "--file", xml.toString(), "--protocol", "ae-ra-ild-jaki", "--out", temp.resolve("cases").toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("6 cases");

        CliRun analyze = CliRun.of("analyze", "--cases", temp.resolve("cases").toString());
        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
    }

    @Test
    void aStudyOfTheStoreIsExportedWithItsAuditTrail(@TempDir Path temp)
    {
        Path data = temp.resolve("data");
        StudyProtocol protocol = Protocols.builtIn(Protocols.SEED);
        long studyId;
        try (StudyDatabase database = StudyDatabase.open("jdbc:sqlite:" + data.toAbsolutePath().resolve("casebook.db"), Clock.systemUTC())) {
            CaseWorkbook demo = new WorkbookImporter(protocol).importFrom(DemoWorkbook.unpackTo(temp.resolve("demo"))).workbook();
            Study study = new Studies(database).create("odm", Protocols.SEED, 30, "admin");
            new CaseImport(database).importWorkbook(study.id(), demo, "alice");
            Cases cases = new Cases(database);
            CaseSummary p01 = cases.list(study.id()).get(0);
            int version = cases.save(study.id(), p01.id(), p01.version(), List.of(new ValueEdit("onset", "pao2", "65")), null, "bob", new CaseValueValidator(protocol));
            cases.setLocked(study.id(), p01.id(), version, true, null, "carol");
            studyId = study.id();
        }
        Path xml = temp.resolve("study.xml");
        CliRun export = CliRun.of("odm", "export", "--study", Long.toString(studyId), "--data", data.toString(), "--out", xml.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("6 subjects").contains("1 signatures of locked cases").containsPattern("\\d+ audit records");

        CliRun imported = CliRun.of("odm", "import", "--file", xml.toString(), "--protocol", "ae-ra-ild-jaki", "--out", temp.resolve("cases").toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).containsPattern("audit records: (\\d+), \\1 with their SHA-256 recomputed and matching");

        CliRun missing = CliRun.of("odm", "export", "--study", "99", "--data", data.toString(), "--out", temp.resolve("none.xml").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no study 99");
    }

    @Test
    void aBadValueExitsWithOneAndALocatedMessage(@TempDir Path temp)
            throws IOException
    {
        Path demo = DemoWorkbook.unpackTo(temp.resolve("demo"));
        Path xml = temp.resolve("study.xml");
        CliRun.of("odm", "export", "--protocol", "ae-ra-ild-jaki", "--cases", demo.toString(), "--out", xml.toString());
        Files.writeString(xml, Files.readString(xml).replaceFirst("ItemOID=\"I.CASE.admission_date\" Value=\"2024-02-12\"", "ItemOID=\"I.CASE.admission_date\" Value=\"2024-13-12\""));

        CliRun imported = CliRun.of("odm", "import", "--file", xml.toString(), "--protocol", "ae-ra-ild-jaki", "--out", temp.resolve("cases").toString());

        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.err()).containsPattern("study.xml line \\d+, ItemData I.CASE.admission_date: '2024-13-12'");
        assertThat(temp.resolve("cases")).doesNotExist();
    }

    @Test
    void redcapsProjectXmlImportsThroughAMapping(@TempDir Path temp)
    {
        Path shared = Path.of("../../shared/redcap/repeating-instruments/project.xml");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(shared), "the shared REDCap exports are not at " + shared.toAbsolutePath().normalize());
        Path fixtures = Path.of("../casebook-redcap/src/test/resources/redcap/repeating");

        CliRun imported = CliRun.of("odm", "import", "--file", shared.toString(), "--mapping", fixtures.resolve("mapping.yaml").toString(),
                "--protocol", fixtures.resolve("protocol.yaml").toString(), "--out", temp.resolve("cases").toString());

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("2 cases, 8 measurements").contains("not mapped (2 fields with values): ethnicity, race");
    }
}
