package org.casebook.odm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.store.AuditChain;
import org.casebook.store.AuditTrail;
import org.casebook.workbook.WorkbookImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad ODM files: every error located by file, line and element; unsafe XML refused; nothing written. */
class OdmImportErrorsTest
{
    static final StudyProtocol PROTOCOL = Protocols.builtIn("dm-ild-tofacitinib");
    static final Path CASES = Path.of("../casebook-redcap/src/test/resources/workbooks/dm-ild-tofacitinib");

    static String export(boolean withHistory)
    {
        CaseWorkbook workbook = new WorkbookImporter(PROTOCOL).importFrom(CASES).workbook();
        return new OdmExporter(PROTOCOL).export(workbook, withHistory ? history(workbook) : null, OdmRoundTripTest.CLOCK).xml();
    }

    /** An audit trail as the store writes it (each row hashed onto the one before), without a database. */
    static OdmHistory history(CaseWorkbook workbook)
    {
        List<OdmHistory.Row> rows = new ArrayList<>();
        Map<Long, String> patients = new LinkedHashMap<>();
        String previous = "";
        long id = 1;
        for (int i = 0; i < workbook.cases().size(); i++) {
            String patient = workbook.cases().get(i).patientId();
            patients.put((long) i + 1, patient);
            for (String[] change : List.of(new String[] {"anna", null, "import from cases.csv"}, new String[] {"ben", "checked against the chart", null})) {
                AuditTrail.Change audit = new AuditTrail.Change(change[0], 7L, "case", i + 1, 1, "note", change[1] == null ? null : "a", "b & <c>\n" + patient, change[2]);
                String at = "2026-12-0" + (1 + i % 5) + "T08:00:0" + (id % 10) + "Z";
                String hash = AuditChain.hash(previous, at, audit);
                rows.add(new OdmHistory.Row(id++, at, audit.username(), 7L, "case", i + 1, 1, "note", audit.oldValue(), audit.newValue(), audit.reason(), previous, hash));
                previous = hash;
            }
        }
        return new OdmHistory("casebook test", 7, rows, patients, List.of(), previous);
    }

    private static List<String> errors(Path temp, String xml)
            throws IOException
    {
        Path file = temp.resolve("study.xml");
        Files.writeString(file, xml);
        Path out = temp.resolve("out");
        try {
            new OdmImporter(PROTOCOL).importTo(file, out);
        }
        catch (OdmImportException e) {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_INPUT);
            assertThat(out).doesNotExist();
            return e.issues().stream().map(OdmIssue::message).toList();
        }
        throw new AssertionError("no error");
    }

    private static int line(String xml, String text)
    {
        return (int) xml.substring(0, xml.indexOf(text)).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void aValueTheProtocolRefusesIsNamedByLineItemAndValue(@TempDir Path temp)
            throws IOException
    {
        String xml = export(false);
        String age = xml.substring(xml.indexOf("<ItemData ItemOID=\"I.CASE.age\""), xml.indexOf("/>", xml.indexOf("<ItemData ItemOID=\"I.CASE.age\"")) + 2);
        String bad = xml.replaceFirst(java.util.regex.Pattern.quote(age), "<ItemData ItemOID=\"I.CASE.age\" Value=\"300\"/>");
        assertThat(errors(temp, bad)).singleElement().asString()
                .startsWith("study.xml line " + line(xml, age) + ", ItemData I.CASE.age: '300': ")
                .endsWith("(workbook cases column age)");
    }

    @Test
    void unknownEventsFormsGroupsAndItemsAreEachNamed(@TempDir Path temp)
            throws IOException
    {
        String xml = export(false)
                .replaceFirst("<StudyEventData StudyEventOID=\"SE\\.(?!CASE)[a-z0-9_]+\"", "<StudyEventData StudyEventOID=\"SE.week99\"")
                .replaceFirst("<ItemData ItemOID=\"I\\.CASE\\.[a-z0-9_]+\"", "<ItemData ItemOID=\"I.CASE.gender\"");
        List<String> errors = errors(temp, xml);
        assertThat(errors).anySatisfy(error -> assertThat(error).contains("StudyEventData: 'SE.week99': not an event of protocol dm-ild-tofacitinib; expected one of SE.CASE"));
        assertThat(errors).anySatisfy(error -> assertThat(error).contains("ItemData: 'I.CASE.gender': not an item of item group IG.CASE"));
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityIsExpandedAndNoFileRead(@TempDir Path temp)
            throws IOException
    {
        Files.writeString(temp.resolve("secret.txt"), "do not read me");
        String xml = export(false);
        String xxe = xml.replaceFirst("\\?>", "?>\n<!DOCTYPE ODM [<!ENTITY x SYSTEM \"" + temp.resolve("secret.txt").toUri() + "\">]>")
                .replaceFirst("Value=\"[^\"]*\"", "Value=\"&x;\"");
        assertThat(errors(temp, xxe)).singleElement().asString().contains("study.xml line 2").contains("document type declaration is not allowed");
        String laughs = xml.replaceFirst("\\?>", "?>\n<!DOCTYPE ODM [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>");
        assertThat(errors(temp, laughs)).singleElement().asString().contains("document type declaration is not allowed");
    }

    @Test
    void brokenXmlAndAForeignRootAreLocated(@TempDir Path temp)
            throws IOException
    {
        String xml = export(false);
        String broken = xml.substring(0, xml.indexOf("<ClinicalData") + 20);
        assertThat(errors(temp, broken)).singleElement().asString().startsWith("study.xml line ").contains("not well-formed XML");
        assertThat(errors(temp, "<?xml version=\"1.0\"?>\n<html/>")).singleElement().asString()
                .isEqualTo("study.xml line 2, html: expected the root element ODM in the namespace http://www.cdisc.org/ns/odm/v1.3 (CDISC ODM 1.3)");
        assertThat(errors(temp, "")).singleElement().asString().startsWith("study.xml").contains("not well-formed XML");
    }

    @Test
    void aMissingFileIsNotFound(@TempDir Path temp)
    {
        assertThatThrownBy(() -> new OdmImporter(PROTOCOL).read(temp.resolve("none.xml")))
                .isInstanceOfSatisfying(CasebookException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aHistoryWithoutADatabaseChecksAndAChangedValueInItIsFound(@TempDir Path temp)
            throws IOException
    {
        String xml = export(true);
        Path file = temp.resolve("ok.xml");
        Files.writeString(file, xml);
        OdmImporter.Result result = new OdmImporter(PROTOCOL).read(file);
        int rows = 2 * result.workbook().cases().size();
        assertThat(result.audit()).isEqualTo(new OdmAuditCheck.Report(rows, rows, rows - 1, 0));
        String changed = xml.replaceFirst("\"new\":\"b &amp; &lt;c&gt;\\\\n", "\"new\":\"B &amp; &lt;c&gt;\\\\n");
        assertThat(changed).isNotEqualTo(xml);
        assertThat(errors(temp, changed)).singleElement().asString().contains("AuditRecord AR.1").contains("does not match its SHA-256");
    }

    @Test
    void theErrorExampleOfTheDocsIsWhatTheImportSays(@TempDir Path temp)
            throws IOException
    {
        StudyProtocol seed = Protocols.builtIn(Protocols.SEED);
        CaseWorkbook demo = new WorkbookImporter(seed).importFrom(OdmRoundTripTest.SEED_DEMO).workbook();
        String xml = new OdmExporter(seed).export(demo, OdmRoundTripTest.CLOCK).xml().replaceFirst("I.CASE.age\" Value=\"74\"", "I.CASE.age\" Value=\"300\"");
        Path file = temp.resolve("study.xml");
        Files.writeString(file, xml);
        assertThatThrownBy(() -> new OdmImporter(seed).read(file)).isInstanceOfSatisfying(OdmImportException.class, e -> {
            try {
                assertThat(Files.readString(Path.of("../docs/odm.md"))).contains(e.getMessage().lines().skip(1).findFirst().orElseThrow());
            }
            catch (IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
        });
    }

    @Test
    void badUtf8IsALocatedErrorAndNothingReachesStandardError(@TempDir Path temp)
            throws IOException
    {
        byte[] xml = export(false).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = export(false).indexOf("<ClinicalData");
        xml[at + 3] = (byte) 0xff;
        Path file = temp.resolve("study.xml");
        Files.write(file, xml);
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> new OdmImporter(PROTOCOL).read(file)).isInstanceOf(OdmImportException.class)
                    .hasMessageContaining("study.xml line " + line(export(false), "<ClinicalData"))
                    .hasMessageContaining("bytes that are not UTF-8");
        }
        finally {
            System.setErr(original);
        }
        assertThat(stderr.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void anotherProtocolsFileOrARedcapProjectIsRefusedAtOnce(@TempDir Path temp)
            throws IOException
    {
        String seedExport = export(false).replace("ST.dm-ild-tofacitinib", "ST.ae-ra-ild-jaki");
        assertThat(errors(temp, seedExport)).singleElement().asString()
                .contains("ClinicalData StudyOID: 'ST.ae-ra-ild-jaki': not the study of protocol dm-ild-tofacitinib (ST.dm-ild-tofacitinib)");
    }
}
