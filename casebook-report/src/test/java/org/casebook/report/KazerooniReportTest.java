package org.casebook.report;

import java.time.LocalDate;
import java.util.ArrayList;
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
import org.casebook.report.figure.Figure;
import org.casebook.report.table.ReportTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A protocol scoring CTs with Kazerooni gets the same report with that score's components and no Ichikado composition chart. */
class KazerooniReportTest
{
    private static StudyProtocol kazerooniProtocol()
    {
        String text = Protocols.builtInFile(Protocols.SEED, "protocol.yaml").orElseThrow().replace("  system: ichikado", "  system: kazerooni");
        return new ProtocolReader("kazerooni.yaml", path -> Protocols.builtInFile(Protocols.SEED, path).orElseThrow()).read(text);
    }

    private static KazerooniRead read(String patient, String timepoint, int alveolar, int interstitial)
    {
        List<KazerooniLobeScore> lobes = Arrays.stream(KazerooniLobe.values()).map(lobe -> new KazerooniLobeScore(lobe, alveolar, interstitial)).toList();
        return new KazerooniRead(new ScanRef(patient, timepoint), "R1", lobes);
    }

    @Test
    void tableThreeListsTheKazerooniComponentsAndTheCompositionChartIsLeftOut()
    {
        List<KazerooniRead> reads = new ArrayList<>();
        List<org.casebook.casedata.CaseRecord> cases = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            cases.add(new CaseRecordBuilder("K" + i, LocalDate.of(2024, 5, i)).set("admission_date", LocalDate.of(2024, 5, i)).build());
            reads.add(read("K" + i, "before", 1, i % 3));
            reads.add(read("K" + i, "onset", 3 + i % 2, 2));
        }
        StudyData data = StudyData.analyze(kazerooniProtocol(), new CaseWorkbook(cases, List.of(), List.of(), List.of(), reads, List.of()));
        StudyReport report = StudyReport.build(data, new Provenance("test", "kazerooni", "0", "in", "0", java.time.Instant.EPOCH));
        ReportTable table3 = report.tables().get(2);
        assertThat(table3.rows()).extracting(row -> row.get(0)).containsSubsequence("CT total", "CT alveolar", "CT interstitial");
        assertThat(report.figures()).extracting(Figure::id).noneMatch(id -> id.contains("composition"));
        assertThat(report.figures()).extracting(Figure::id).anyMatch(id -> id.contains("ct_total"));
    }
}
