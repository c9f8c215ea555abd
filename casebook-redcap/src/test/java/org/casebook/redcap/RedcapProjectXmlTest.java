package org.casebook.redcap;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.workbook.WorkbookImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedcapProjectXmlTest
{
    private static final String REDCAP = "https://projectredcap.org";

    @Test
    void theProjectXmlHoldsEveryFieldTheRepeatingInstrumentsAndEveryValue()
            throws Exception
    {
        StudyProtocol protocol = Protocols.builtIn(Protocols.SEED);
        CaseWorkbook workbook = new WorkbookImporter(protocol).importFrom(RedcapRoundTripTest.SEED_DEMO).workbook();
        RedcapExporter exporter = new RedcapExporter(protocol);
        RedcapExporter.Export export = exporter.export(workbook);

        String xml = exporter.projectXml(export, Clock.fixed(Instant.parse("2026-12-05T07:00:00Z"), ZoneOffset.UTC));

        List<String> itemDefs = new ArrayList<>();
        List<String> repeating = new ArrayList<>();
        Map<String, Integer> itemData = new HashMap<>();
        XMLStreamReader reader = XMLInputFactory.newFactory().createXMLStreamReader(new StringReader(xml));
        while (reader.hasNext()) {
            if (reader.next() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (reader.getLocalName()) {
                case "ItemDef" -> itemDefs.add(reader.getAttributeValue(null, "OID"));
                case "RepeatingInstrument" -> repeating.add(reader.getAttributeValue(REDCAP, "RepeatInstrument"));
                case "ItemData" -> itemData.merge(reader.getAttributeValue(null, "ItemOID"), 1, Integer::sum);
                default -> { }
            }
        }
        assertThat(itemDefs).containsAll(export.dictionary().fields().stream().map(DictionaryField::fieldName).toList()).contains("case_data_complete");
        assertThat(repeating).containsExactly("measurements", "ct_studies", "ct_reads", "adverse_events");
        assertThat(itemData.get("record_id")).isEqualTo(6);
        assertThat(itemData.get("ctr_zone")).isEqualTo(workbook.ichikadoReads().size() * 6);
        assertThat(xml).contains("AsOfDateTime=\"2026-12-05T07:00:00\"", "redcap:TextValidationType=\"date_ymd\"", "<CodeListItem CodedValue=\"1\"><Decode><TranslatedText>Yes</TranslatedText>");
    }
}
