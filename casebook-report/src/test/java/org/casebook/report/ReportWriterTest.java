package org.casebook.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.casebook.report.render.ReportWriter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest
{
    static final Instant GENERATED = Instant.parse("2026-01-02T03:04:05Z");

    static StudyReport fixtureReport()
    {
        StudyData data = StudyData.analyze(SeriesFixtures.SEED, SeriesFixtures.sixPatients());
        Provenance provenance = new Provenance("test", data.protocol().id(), data.protocol().sha256(), "fixture", "0".repeat(64), GENERATED);
        return StudyReport.build(data, provenance);
    }

    @Test
    void writesHtmlPdfCsvAndXlsx()
            throws Exception
    {
        Path out = Path.of("target/report-fixture");
        ReportWriter.ReportFiles files = new ReportWriter().write(fixtureReport(), out);
        assertThat(files.html()).exists();
        assertThat(Files.size(files.pdf())).isGreaterThan(10_000);
        assertThat(files.csv()).hasSize(5);
    }
}
