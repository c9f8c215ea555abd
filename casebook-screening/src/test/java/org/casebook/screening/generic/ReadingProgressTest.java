package org.casebook.screening.generic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.casebook.screening.local.ProgressListener;
import org.casebook.screening.synth.generic.GenericHospital;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** `screen`'s progress bar: one phase over the bytes read, advanced file by file to its total, then finished. */
class ReadingProgressTest
{
    @TempDir
    Path temp;

    @Test
    void theReaderAdvancesByEachFileReadUpToTheTotalItAnnounced()
            throws IOException
    {
        Path hospital = temp.resolve("hospital");
        GenericHospital.load("ild-lung-resection", 3, 300, false).write(hospital, ProgressListener.NONE);
        long bytes;
        try (Stream<Path> files = Files.list(hospital)) {
            bytes = files.filter(file -> file.toString().endsWith(".ndjson")).mapToLong(file -> file.toFile().length()).sum();
        }
        Recording progress = new Recording();

        GenericScreening.forProtocol("ild-lung-resection", false).screen(RecordSource.fhir(hospital, progress), temp.resolve("out"));

        assertThat(progress.events).first().asString().startsWith("start Reading the export");
        assertThat(progress.events).last().isEqualTo("finish");
        assertThat(progress.total).as("every file, the index event's twice").isGreaterThan(bytes);
        assertThat(progress.advanced.get()).isEqualTo(progress.total);
    }

    private static final class Recording
            implements ProgressListener
    {
        final List<String> events = new ArrayList<>();
        final AtomicLong advanced = new AtomicLong();
        long total;

        @Override
        public synchronized void start(String task, long total, Unit unit)
        {
            this.total = total;
            events.add("start " + task + " " + unit);
        }

        @Override
        public void advance(long amount)
        {
            advanced.addAndGet(amount);
        }

        @Override
        public synchronized void finish()
        {
            events.add("finish");
        }
    }
}
