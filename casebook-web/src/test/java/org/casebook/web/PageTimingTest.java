package org.casebook.web;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.casebook.protocol.Protocols;
import org.casebook.store.StudyDatabase;
import org.casebook.store.cases.CaseImport;
import org.casebook.store.screening.AeChecklist;
import org.casebook.store.screening.ScreeningOutput;
import org.casebook.store.screening.Screenings;
import org.casebook.store.study.Studies;
import org.casebook.store.study.StudyRole;
import org.casebook.store.study.Users;
import org.casebook.web.security.PasswordHashing;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Page timings with thousands of cases, opt-in ({@code mvn -pl casebook-web -am test -Ppages -Dtest=PageTimingTest
 * -Dsurefire.failIfNoSpecifiedTests=false}):
 * a study of 5,000 cases (each with measurements, a CT scan and its reads) and a screening log of
 * 3,000 patients (1,500 included), served by a real server on localhost, on SQLite and on
 * PostgreSQL. Each page is fetched {@value #WARMUP} times to warm up, then timed {@value #RUNS}
 * times; the median and the largest are printed with the page's size. The baseline, in the same
 * run, is the same page with every row on it ({@code size=all}; fetched once to warm up and
 * timed 3 times, as it takes seconds): what the study and screening pages served before they
 * were paged. The server runs in its own JVM with the default compilers and 1 GB of heap. The
 * load average of the machine is printed too: other processes slow every number alike. So is the
 * server's CPU time per fetch (all its threads, from /proc), which they do not inflate. The paged
 * pages must take under {@value #LIMIT_MILLIS} ms of server CPU each, and, when the machine is
 * not oversubscribed (load average under its number of cores), under {@value #LIMIT_MILLIS} ms
 * (median). Prints
 * {@code pages on <db>: <page> median … ms (max …), … KB; all rows: … ms, … KB; ratio …}.
 */
@Tag("pages")
class PageTimingTest
{
    private static final int CASES = Integer.getInteger("casebook.pages.cases", 5000);
    private static final int SCREENED = Integer.getInteger("casebook.pages.screened", 3000);
    static final int WARMUP = 10;
    static final int RUNS = 15;
    /** The all-rows pages take seconds each: fewer runs. */
    static final int BASELINE_WARMUP = 1;
    static final int BASELINE_RUNS = 3;
    static final int LIMIT_MILLIS = 300;

    static List<String> databases()
    {
        return TestDatabases.names();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void studyDashboardAndScreeningPagesStayFastWithThousandsOfCases(String kind)
            throws Exception
    {
        String url = TestDatabases.newDatabaseUrl(kind);
        long studyId;
        try (StudyDatabase database = StudyDatabase.open(url, Clock.systemUTC())) {
            studyId = new Studies(database).create("pages", Protocols.SEED, 30, "test").id();
            new CaseImport(database).importWorkbook(studyId, StudyFixture.workbook(CASES), "test");
            new Screenings(database, AeChecklist.builtIn()).importOutput(studyId, screeningLog(SCREENED), Optional.empty(), "test");
            Users users = new Users(database);
            users.add("investigator", PasswordHashing.encoder().encode(StudyFixture.PASSWORD), false, "test");
            users.grant(studyId, "investigator", StudyRole.INVESTIGATOR, false, "test");
        }
        Path log = TestFolders.file("casebook-pages", ".log");
        // the JVM's default compilers and a heap of 1 GB, as casebook serve would run
        try (ChildServer server = ChildServer.start(url, log, List.of("-Xmx1g"))) {
            ChildServer.Session session = server.login("investigator", StudyFixture.PASSWORD);
            String study = "/studies/" + studyId;
            List<Timing> paged = new ArrayList<>();
            paged.add(compare(kind, server, session, "study page", study, study + "?size=all"));
            paged.add(compare(kind, server, session, "dashboard", study + "/dashboard", study + "/dashboard?size=all"));
            paged.add(compare(kind, server, session, "screening page", study + "/screening", study + "/screening?size=all"));
            paged.add(compare(kind, server, session, "case page", study + "/cases/" + (CASES / 2), null));
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf("pages on %s: load average %.1f on %d cores%n", kind, load, cores);
            for (Timing timing : paged) {
                if (load < cores) {
                    assertThat(timing.median()).as("%s on %s: median ms", timing.page(), kind).isLessThan(LIMIT_MILLIS);
                }
                // the server's own work per page, which other processes do not inflate as they do the time
                if (timing.cpu() >= 0) {
                    assertThat(timing.cpu()).as("%s on %s: server CPU ms per page", timing.page(), kind).isLessThan(LIMIT_MILLIS);
                }
            }
        }
    }

    /** {@code cpu}: the server's CPU milliseconds per fetch (all its threads), -1 where /proc is missing. */
    private record Timing(String page, double median, double max, int bytes, double cpu) {}

    private static Timing compare(String kind, ChildServer server, ChildServer.Session session, String page, String path, String allRowsPath)
            throws Exception
    {
        Timing timing = time(server, session, page, path, WARMUP, RUNS);
        if (allRowsPath == null) {
            System.out.printf("pages on %s: %s median %.1f ms (max %.1f, server CPU %.0f ms), %d KB%n", kind, page, timing.median(), timing.max(),
                    timing.cpu(), timing.bytes() / 1024);
            return timing;
        }
        Timing all = time(server, session, page + ", all rows", allRowsPath, BASELINE_WARMUP, BASELINE_RUNS);
        System.out.printf("pages on %s: %s median %.1f ms (max %.1f, server CPU %.0f ms), %d KB; all rows on one page: median %.1f ms (max %.1f, "
                        + "server CPU %.0f ms), %d KB; %.0f times faster, %.0f times less server CPU, %.0f times smaller%n",
                kind, page, timing.median(), timing.max(), timing.cpu(), timing.bytes() / 1024, all.median(), all.max(), all.cpu(), all.bytes() / 1024,
                all.median() / timing.median(), all.cpu() / timing.cpu(), all.bytes() / (double) timing.bytes());
        return timing;
    }

    private static Timing time(ChildServer server, ChildServer.Session session, String page, String path, int warmup, int runs)
            throws Exception
    {
        int bytes = 0;
        for (int i = 0; i < warmup; i++) {
            HttpResponse<String> response = session.get(path);
            assertThat(response.statusCode()).as(page + " " + path).isEqualTo(200);
            bytes = response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        List<Double> millis = new ArrayList<>();
        long cpuBefore = server.cpuMillis();
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = session.get(path);
            millis.add((System.nanoTime() - started) / 1e6);
            assertThat(response.statusCode()).isEqualTo(200);
        }
        long cpuAfter = server.cpuMillis();
        Collections.sort(millis);
        return new Timing(page, millis.get(millis.size() / 2), millis.get(millis.size() - 1), bytes,
                cpuBefore < 0 || cpuAfter < 0 ? -1 : (cpuAfter - cpuBefore) / (double) runs);
    }

    /** {@code patients} screened: every other one included (case numbers 1…), the others excluded at one of three criteria. */
    static ScreeningOutput screeningLog(int patients)
    {
        StringBuilder log = new StringBuilder(ScreeningOutputs.HEADER);
        String[] reasons = {"ra", "glucocorticoid", "jak_inhibitor"};
        int included = 0;
        for (int i = 1; i <= patients; i++) {
            if (i % 2 == 1) {
                included++;
                log.append(included).append(",S").append(i).append(",included,2024-02-").append(String.format("%02d", 1 + i % 28)).append(",enc-").append(i)
                        .append(",,index_admission=Encounter/enc-").append(i).append(";ra=Condition/c").append(i).append(",\n");
            }
            else {
                log.append(",S").append(i).append(",excluded,,,").append(reasons[i % 3]).append(",index_admission=Encounter/enc-").append(i).append(",\n");
            }
        }
        String flow = "{\"protocol\":\"ae-ra-ild-jaki\",\"patients_in_extract\":" + (patients * 10) + ",\"with_index_admission\":" + patients
                + ",\"included\":" + included + ",\"excluded_by_reason\":{\"ra\":" + (patients - included) + "}}";
        return ScreeningOutput.parse(log.toString(), flow);
    }
}
