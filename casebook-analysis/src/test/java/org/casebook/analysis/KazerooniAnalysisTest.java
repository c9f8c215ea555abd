package org.casebook.analysis;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.casebook.casedata.CaseRecordBuilder;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.ctscore.KazerooniLobe;
import org.casebook.ctscore.KazerooniLobeScore;
import org.casebook.ctscore.KazerooniRead;
import org.casebook.ctscore.ScanRef;
import org.casebook.protocol.ProtocolReader;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A protocol naming the Kazerooni score is analyzed with it, behind the same interface. */
class KazerooniAnalysisTest
{
    private static StudyProtocol kazerooniProtocol()
    {
        String text = Protocols.builtInFile(Protocols.SEED, "protocol.yaml").orElseThrow().replace("  system: ichikado", "  system: kazerooni");
        return new ProtocolReader("kazerooni.yaml", path -> Protocols.builtInFile(Protocols.SEED, path).orElseThrow()).read(text);
    }

    private static KazerooniRead read(String reader, int alveolar, int interstitial)
    {
        List<KazerooniLobeScore> lobes = Arrays.stream(KazerooniLobe.values()).map(lobe -> new KazerooniLobeScore(lobe, alveolar, interstitial)).toList();
        return new KazerooniRead(new ScanRef("A", "onset"), reader, lobes);
    }

    @Test
    void kazerooniTotalsAndComponentsReachTheResults()
    {
        CaseWorkbook workbook = new CaseWorkbook(
                List.of(new CaseRecordBuilder("A", LocalDate.of(2024, 5, 1)).set("admission_date", LocalDate.of(2024, 5, 1)).build()),
                List.of(), List.of(), List.of(), List.of(read("R1", 3, 2), read("R2", 2, 2)), List.of());
        CaseSeriesAnalysis analysis = new CaseSeriesAnalysis(kazerooniProtocol());
        SeriesResults results = analysis.analyze(workbook);
        assertThat(results.ctSystem()).isEqualTo("kazerooni");
        assertThat(results.findSummary("onset", "ct_total").orElseThrow().mean()).isEqualTo(4.5);
        assertThat(results.findSummary("onset", "ct_alveolar").orElseThrow().mean()).isEqualTo(2.5);
        assertThat(results.findSummary("onset", "ct_interstitial").orElseThrow().mean()).isEqualTo(2.0);
        assertThat(results.ctComposition()).isEmpty();
        assertThat(analysis.variableOrder()).startsWith("ct_total", "ct_alveolar", "ct_interstitial");
    }
}
