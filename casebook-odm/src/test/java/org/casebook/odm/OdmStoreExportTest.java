package org.casebook.odm;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.casebook.workbook.WorkbookWriter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A study of the web app's store exported with its audit trail, on SQLite and on PostgreSQL. */
class OdmStoreExportTest
{
    static List<String> databases()
    {
        return TestDatabases.names();
    }

    /** The seed demo imported by alice; bob corrects a PaO2, carol locks P01, dave changes its age with a reason. */
    private static long studyWithHistory(StudyDatabase database)
    {
        StudyProtocol protocol = Protocols.builtIn(Protocols.SEED);
        CaseWorkbook demo = new WorkbookImporter(protocol).importFrom(OdmRoundTripTest.SEED_DEMO).workbook();
        Study study = new Studies(database).create("odm " + System.nanoTime(), Protocols.SEED, 30, "admin");
        new CaseImport(database).importWorkbook(study.id(), demo, "alice");
        Cases cases = new Cases(database);
        CaseValueValidator validator = new CaseValueValidator(protocol);
        CaseSummary p01 = cases.list(study.id()).get(0);
        assertThat(p01.patientId()).isEqualTo("P01");
        int version = cases.save(study.id(), p01.id(), p01.version(), List.of(new ValueEdit("onset", "pao2", "65")), null, "bob", validator);
        version = cases.setLocked(study.id(), p01.id(), version, true, null, "carol");
        cases.save(study.id(), p01.id(), version, List.of(new ValueEdit("", "age", "75")), "typo in the chart: born 1949", "dave", validator);
        return study.id();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theExportCarriesEachValuesHistorySignaturesAndVerifiableHashes(String kind, @TempDir Path temp)
            throws Exception
    {
        try (StudyDatabase database = TestDatabases.open(kind)) {
            long studyId = studyWithHistory(database);
            StoreHistory.Study study = StoreHistory.load(database, studyId);
            OdmExporter.Export export = new OdmExporter(study.protocol()).export(study.workbook(), study.history(), OdmRoundTripTest.CLOCK);
            String xml = export.xml();

            assertThat(export.auditRecords()).isEqualTo(study.history().rows().size()).isGreaterThan(100);
            assertThat(export.signatures()).isEqualTo(1);
            assertThat(xml).contains("<LoginName>alice</LoginName>", "<LoginName>bob</LoginName>", "<LoginName>carol</LoginName>", "<LoginName>dave</LoginName>")
                    .contains("<ReasonForChange>typo in the chart: born 1949</ReasonForChange>")
                    .contains("<ItemData ItemOID=\"I.MX.pao2\" Value=\"65\">")
                    .contains("<ItemData ItemOID=\"I.CASE.age\" Value=\"75\">")
                    .contains("<SignatureRef SignatureOID=\"SD.LOCK\"/>");
            // the value's last change is its own AuditRecord: bob's PaO2, dave's age with his reason
            String pao2 = xml.substring(xml.indexOf("<ItemData ItemOID=\"I.MX.pao2\" Value=\"65\">"));
            assertThat(pao2.substring(0, pao2.indexOf("</ItemData>"))).contains("UserRef UserOID=\"" + userOid(xml, "bob") + "\"");
            if (Files.isRegularFile(OdmSchema.FOLDER.resolve("ODM1-3-2.xsd"))) {
                OdmSchema.validate(xml);
            }

            Path file = temp.resolve("study.xml");
            OdmExporter.write(xml, file);
            OdmImporter.Result back = new OdmImporter(study.protocol()).importTo(file, temp.resolve("imported"));
            assertThat(back.audit().verified()).isEqualTo(export.auditRecords());
            assertThat(back.audit().linked()).isEqualTo(export.auditRecords() - 1);
            new WorkbookWriter(study.protocol().caseSchema()).writeCsvFolder(study.workbook(), temp.resolve("stored"));
            OdmRoundTripTest.assertSameSheets(temp.resolve("stored"), temp.resolve("imported"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aChangedCopiedOrRenumberedAuditRecordIsFoundByItsHash(String kind, @TempDir Path temp)
            throws Exception
    {
        try (StudyDatabase database = TestDatabases.open(kind)) {
            StoreHistory.Study study = StoreHistory.load(database, studyWithHistory(database));
            String xml = new OdmExporter(study.protocol()).export(study.workbook(), study.history(), OdmRoundTripTest.CLOCK).xml();
            OdmImporter importer = new OdmImporter(study.protocol());

            Path changed = temp.resolve("changed.xml");
            int reasonLine = lineOf(xml, "<ReasonForChange>typo in the chart: born 1949</ReasonForChange>", xml.indexOf("<AuditRecords>"));
            Files.writeString(changed, xml.replace("typo in the chart: born 1949", "typo in the chart: born 1950"));
            assertThatThrownBy(() -> importer.read(changed))
                    .isInstanceOf(OdmImportException.class)
                    .hasMessageContaining("changed.xml line " + (reasonLine - 4) + ", AuditRecord AR.")
                    .hasMessageContaining("does not match its SHA-256");

            // a record copied in twice, and one renumbered to follow another: the chain says which
            int start = xml.indexOf("<AuditRecord ID=\"AR.", xml.indexOf("<AuditRecords>"));
            int second = xml.indexOf("<AuditRecord ID=\"AR.", start + 1);
            int third = xml.indexOf("<AuditRecord ID=\"AR.", second + 1);
            String secondRecord = xml.substring(second, third);
            Path duplicated = temp.resolve("duplicated.xml");
            Files.writeString(duplicated, xml.substring(0, third) + secondRecord.replace("ID=\"AR.", "ID=\"AR.copy.") + xml.substring(third));
            assertThatThrownBy(() -> importer.read(duplicated))
                    .isInstanceOf(OdmImportException.class)
                    .hasMessageContaining("a second record of audit_log row");
            long secondRow = Long.parseLong(secondRecord.replaceAll("(?s).*\"row\":(\\d+).*", "$1"));
            String thirdRecord = xml.substring(third, xml.indexOf("</AuditRecord>", third));
            Path renumbered = temp.resolve("renumbered.xml");
            // without the second record, the third claims the second's place: its hash does not chain to the first
            Files.writeString(renumbered, xml.substring(0, second) + xml.substring(third).replaceFirst("\"row\":" + (secondRow + 1) + ",", "\"row\":" + secondRow + ","));
            assertThat(thirdRecord).contains("\"row\":" + (secondRow + 1) + ",");
            assertThatThrownBy(() -> importer.read(renumbered))
                    .isInstanceOf(OdmImportException.class)
                    .hasMessageContaining("does not follow audit_log row");
        }
    }

    private static String userOid(String xml, String login)
    {
        int at = xml.indexOf("<LoginName>" + login + "</LoginName>");
        int user = xml.lastIndexOf("<User OID=\"", at);
        return xml.substring(user + 11, xml.indexOf('"', user + 11));
    }

    private static int lineOf(String xml, String text, int from)
    {
        int at = xml.indexOf(text, from);
        return (int) xml.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStudyOfTheOtherProtocolsComesBackFromItsOdmExport(String kind, @TempDir Path temp)
            throws Exception
    {
        for (String protocolName : List.of("dm-ild-tofacitinib", "ild-lung-resection")) {
            try (StudyDatabase database = TestDatabases.open(kind)) {
                StudyProtocol protocol = Protocols.builtIn(protocolName);
                CaseWorkbook workbook = new WorkbookImporter(protocol).importFrom(Path.of("../casebook-redcap/src/test/resources/workbooks/" + protocolName)).workbook();
                Study study = new Studies(database).create(protocolName, protocolName, protocol.ctScoring().adjudicationThreshold(), "admin");
                new CaseImport(database).importWorkbook(study.id(), workbook, "alice");
                StoreHistory.Study stored = StoreHistory.load(database, study.id());
                String xml = new OdmExporter(stored.protocol()).export(stored.workbook(), stored.history(), OdmRoundTripTest.CLOCK).xml();
                if (Files.isRegularFile(OdmSchema.FOLDER.resolve("ODM1-3-2.xsd"))) {
                    OdmSchema.validate(xml);
                }
                Path file = temp.resolve(protocolName + ".xml");
                OdmExporter.write(xml, file);
                OdmImporter.Result back = new OdmImporter(stored.protocol()).importTo(file, temp.resolve(protocolName + "-imported"));
                assertThat(back.audit().verified()).as(protocolName).isEqualTo(stored.history().rows().size());
                new WorkbookWriter(stored.protocol().caseSchema()).writeCsvFolder(stored.workbook(), temp.resolve(protocolName + "-stored"));
                OdmRoundTripTest.assertSameSheets(temp.resolve(protocolName + "-stored"), temp.resolve(protocolName + "-imported"));
                if (protocolName.equals("dm-ild-tofacitinib")) {
                    assertThat(xml).as("the store's Kazerooni reads, lobe by lobe").contains("<ItemGroupData ItemGroupOID=\"IG.CTK\"");
                }
            }
        }
    }
}
