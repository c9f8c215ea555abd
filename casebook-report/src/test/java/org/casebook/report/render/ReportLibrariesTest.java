package org.casebook.report.render;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ReportLibrariesTest
{
    @Test
    void loadsOnOneBackgroundThreadOncePerProcess()
            throws InterruptedException
    {
        ReportLibraries.loadInBackground();
        ReportLibraries.loadInBackground();
        Thread loader = Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals("report-libraries")).findFirst().orElse(null);
        long loaders = Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals("report-libraries")).count();
        assertThat(loaders).isLessThanOrEqualTo(1);
        if (loader != null) {
            // a daemon: a command that fails early does not wait for it
            assertThat(loader.isDaemon()).isTrue();
            loader.join(Duration.ofMinutes(2).toMillis());
            assertThat(loader.isAlive()).isFalse();
        }
    }

    @Test
    void everyWriterRunsOnTheThrowAwayContent()
    {
        // load() swallows failures so that it can never break a report: a writer change that breaks
        // the loading is seen here instead
        assertTimeoutPreemptively(Duration.ofMinutes(2), ReportLibraries::runEachWriterOnce);
    }
}
