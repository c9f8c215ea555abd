package org.casebook.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code casebook demo} end to end: the bundled synthetic workbook must reproduce the published
 * figures of the AE-RA-ILD series (shared/domain.md §0), checked on the computed results.
 */
class DemoCommandTest
{
    @TempDir
    static Path out;

    private static CliRun run;
    private static JsonNode results;

    @BeforeAll
    static void runDemo()
            throws Exception
    {
        run = CliRun.of("demo", "--out", out.toString());
        results = new ObjectMapper().readTree(Files.readString(out.resolve("results.json")));
    }

    private static String meanSd(String timepoint)
    {
        JsonNode ct = results.at("/timepoints/" + timepoint + "/ct_total");
        return org.casebook.analysis.ResultsText.oneDecimal(ct.get("mean").asDouble()) + " ± "
                + org.casebook.analysis.ResultsText.oneDecimal(ct.get("sd").asDouble());
    }

    private static String count(String name)
    {
        return results.at("/counts/" + name).asInt() + "/" + results.at("/denominators/" + name).asInt();
    }

    @Test
    void demoSucceedsAndPrintsTheCtRow()
    {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("ct_total\\s+175\\.3 ± 50\\.3 \\(6\\)\\s+247\\.2 ± 53\\.6 \\(6\\)\\s+220\\.1 ± 58\\.6 \\(6\\)");
    }

    @Test
    void ctTotalsReproduceThePublishedMeansAndSds()
    {
        assertThat(results.at("/n").asInt()).isEqualTo(6);
        assertThat(meanSd("before")).isEqualTo("175.3 ± 50.3");
        assertThat(meanSd("onset")).isEqualTo("247.2 ± 53.6");
        assertThat(meanSd("after")).isEqualTo("220.1 ± 58.6");
    }

    @Test
    void fibroticComponentImprovesMostAfterTreatment()
    {
        double fibroticDrop = results.at("/timepoints/onset/ct_fibrotic/mean").asDouble() - results.at("/timepoints/after/ct_fibrotic/mean").asDouble();
        double nonFibroticDrop = results.at("/timepoints/onset/ct_nonfibrotic/mean").asDouble() - results.at("/timepoints/after/ct_nonfibrotic/mean").asDouble();
        assertThat(fibroticDrop).isGreaterThan(nonFibroticDrop);
    }

    @Test
    void outcomeCountsMatchThePaper()
    {
        assertThat(count("pf_increased")).isEqualTo("6/6");
        assertThat(count("fvc_declined_any")).isEqualTo("4/6");
        assertThat(count("home_oxygen")).isEqualTo("3/6");
        assertThat(count("alive_day90")).isEqualTo("6/6");
        assertThat(count("pulse")).isEqualTo("3/6");
        assertThat(count("jaki_stopped_for_ae_before_onset")).isEqualTo("5/6");
        assertThat(results.at("/days_stop_to_onset/median").asDouble()).isEqualTo(9.0);
        assertThat(results.at("/agents/upadacitinib").asInt()).isEqualTo(4);
        assertThat(results.at("/agents/baricitinib").asInt()).isEqualTo(2);
        assertThat(results.at("/adverse_events/serious").asInt()).isZero();
    }

    @Test
    void readersAgreeAsRealReadersDo()
    {
        double icc = results.at("/ct_agreement/icc").asDouble();
        assertThat(icc).isBetween(0.80, 0.95);
        assertThat(results.at("/ct_agreement/n_scans").asInt()).isEqualTo(18);
        assertThat(results.at("/ct_agreement/n_readers").asInt()).isEqualTo(2);
    }
}
