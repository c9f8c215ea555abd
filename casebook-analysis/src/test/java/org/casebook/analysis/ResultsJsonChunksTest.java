package org.casebook.analysis;

import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseRecordBuilder;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.LungZone;
import org.casebook.ctscore.ScanRef;
import org.casebook.ctscore.ZoneExtent;
import org.casebook.protocol.Protocols;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The results' patients and scans made as text on other threads, a chunk at a time, read as the whole tree prints. */
class ResultsJsonChunksTest
{
    private static SeriesResults series(int patients, long seed)
    {
        return new CaseSeriesAnalysis(Protocols.builtIn(Protocols.SEED)).analyze(workbook(patients, seed));
    }

    private static CaseWorkbook workbook(int patients, long seed)
    {
        Random random = new Random(seed);
        List<CaseRecord> cases = new ArrayList<>();
        List<IchikadoRead> reads = new ArrayList<>();
        for (int p = 0; p < patients; p++) {
            // ids that need escaping and ones that are not ASCII, beside plain ones
            String id = switch (p % 4) {
                case 0 -> "P" + p;
                case 1 -> "P\"" + p;
                case 2 -> "患者" + p;
                default -> "P\\" + p + "\t";
            };
            LocalDate admission = LocalDate.of(2024, 1, 1).plusDays(p);
            cases.add(new CaseRecordBuilder(id, admission).set("admission_date", admission).build());
            for (String timepoint : List.of("before", "onset")) {
                // some scans read by one reader, most by two, some not at all
                int readers = random.nextInt(5) == 0 ? random.nextInt(2) : 2;
                for (int r = 1; r <= readers; r++) {
                    List<ZoneExtent> zones = new ArrayList<>();
                    for (LungZone zone : LungZone.values()) {
                        int ggo = 10 * random.nextInt(5);
                        int honeycombing = 10 * random.nextInt(3);
                        zones.add(ZoneExtent.of(zone, 100 - ggo - honeycombing, ggo, 0, 0, 0, honeycombing));
                    }
                    reads.add(new IchikadoRead(new ScanRef(id, timepoint), "R" + r, zones));
                }
            }
        }
        return new CaseWorkbook(cases, List.of(), List.of(), reads, List.of(), List.of());
    }

    private static String written(SeriesResults results, int chunk)
            throws IOException
    {
        StringWriter text = new StringWriter();
        ResultsJson.write(results, text, chunk);
        return text.toString();
    }

    @Test
    void everyChunkSizeWritesTheTextOfTheWholeTree()
            throws IOException
    {
        SeriesResults results = series(53, 7);
        String tree = EventAndFallbackOutcomesTest.printed(ResultsJson.toTree(results));
        assertThat(results.scans()).hasSizeGreaterThan(53);
        for (int chunk : new int[] {1, 2, 3, 52, 53, 54, 1_000}) {
            assertThat(written(results, chunk)).as("chunks of %d", chunk).isEqualTo(tree);
        }
        assertThat(ResultsJson.write(results)).isEqualTo(tree);
    }

    @Test
    void oneAndNoPatientsInChunksOfOne()
            throws IOException
    {
        for (int patients : new int[] {0, 1, 2}) {
            SeriesResults results = series(patients, 11);
            assertThat(written(results, 1)).as("%d patients", patients).isEqualTo(EventAndFallbackOutcomesTest.printed(ResultsJson.toTree(results)));
        }
    }

    @Test
    void theAnalysisOnSeveralThreadsGivesTheSameResultsEachTime()
            throws IOException
    {
        String first = written(series(400, 3), 17);
        for (int run = 0; run < 3; run++) {
            assertThat(written(series(400, 3), 1_000)).isEqualTo(first);
        }
    }

    @Test
    void scansScoredInSlicesOnSeveralThreadsAreTheScansScoredInOne()
    {
        CaseWorkbook workbook = workbook(300, 5);
        var system = org.casebook.ctscore.CtScoringSystem.forName("ichikado");
        List<ScanResult> whole = ScanScoring.score(system, workbook, Integer.MAX_VALUE);
        assertThat(whole).hasSizeGreaterThan(400);
        for (int slice : new int[] {1, 2, 7, 100}) {
            assertThat(ScanScoring.score(system, workbook, slice)).as("slices of %d", slice).isEqualTo(whole);
        }
    }
}
