package org.casebook.web;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.protocol.Protocols;
import org.casebook.store.StudyDatabase;
import org.casebook.store.cases.CaseImport;
import org.casebook.store.ct.CtReading;
import org.casebook.store.study.Studies;
import org.casebook.store.study.StudyRole;
import org.casebook.store.study.Users;
import org.casebook.web.security.PasswordHashing;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load test, opt-in ({@code mvn -pl casebook-web -am test -Pload}): 50 readers log in to a server
 * on localhost and save reads of their own scans for 60 s (casebook.load.seconds), on SQLite and
 * on PostgreSQL, after each reader's first read of each scan and 10 s of the same load to warm
 * the server up (casebook.load.warmup; not counted). The server runs in its own JVM as
 * {@code casebook serve} does (the JVM's default compilers, 1 GB of heap). No request may fail, and every acknowledged save must be in the
 * database with its audit lines afterwards. Prints the latency percentiles, the server's CPU time
 * per save (all its threads, from /proc: other processes on the machine lengthen the latencies
 * but not this) and the load average; fails when p99 is 200 ms or more on a machine that is not
 * oversubscribed (load average under its number of cores before the run), as the latencies then
 * measure casebook rather than the neighbours. {@code -Dcasebook.load.jfr=DIR} records the
 * server with Java Flight Recorder into {@code DIR/load-<database>.jfr}, to see where the time goes.
 */
@Tag("load")
class ReaderLoadTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int READERS = Integer.getInteger("casebook.load.readers", 50);
    private static final int SECONDS = Integer.getInteger("casebook.load.seconds", 60);
    private static final int WARMUP_SECONDS = Integer.getInteger("casebook.load.warmup", 10);
    private static final double P99_LIMIT_MILLIS = 200;
    private static final int PATIENTS = 20;

    record Ack(String reader, String code, int version) {}

    /** Both databases, or those of {@code -Dcasebook.load.databases=postgresql} (comma-separated). */
    static List<String> databases()
    {
        String chosen = System.getProperty("casebook.load.databases", "");
        return chosen.isBlank() ? TestDatabases.names() : List.of(chosen.split(","));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void fiftyReadersSaveTheirReadsWithoutErrorOrLostWrite(String kind)
            throws Exception
    {
        TestDatabases.withStatementStatistics();
        String url = TestDatabases.newDatabaseUrl(kind);
        long studyId;
        try (StudyDatabase database = StudyDatabase.open(url, Clock.systemUTC())) {
            studyId = new Studies(database).create("load", Protocols.SEED, 30, "test").id();
            new CaseImport(database).importWorkbook(studyId, StudyFixture.workbook(PATIENTS), "test");
            String hash = PasswordHashing.encoder().encode(StudyFixture.PASSWORD);
            for (int i = 0; i < READERS; i++) {
                new Users(database).add("reader" + i, hash, false, "test");
                new Users(database).grant(studyId, "reader" + i, StudyRole.READER, false, "test");
                new CtReading(database).assignAll(studyId, "reader" + i, "test");
            }
        }
        Path log = TestFolders.file("casebook-load", ".log");
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<String, Ack> lastAck = new ConcurrentHashMap<>();
        AtomicInteger saves = new AtomicInteger();
        AtomicInteger allSaves = new AtomicInteger();
        double loadBefore = loadAverage();
        long cpuMillis = -1;
        long databaseCpuMillis = -1;
        PostgresStatements statements = kind.equals("postgresql") ? PostgresStatements.of(url) : null;
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        String jfr = System.getProperty("casebook.load.jfr");
        if (jfr != null) {
            jvm.add("-XX:StartFlightRecording=filename=" + Path.of(jfr).toAbsolutePath().resolve("load-" + kind + ".jfr") + ",settings=profile");
        }
        try (ChildServer server = ChildServer.start(url, log, jvm)) {
            List<ChildServer.Session> sessions = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                sessions.add(server.login("reader" + i, StudyFixture.PASSWORD));
            }
            ExecutorService pool = Executors.newFixedThreadPool(READERS);
            Results results = new Results(latencies, failures, lastAck, saves, allSaves);
            java.util.concurrent.CountDownLatch firstReads = new java.util.concurrent.CountDownLatch(READERS);
            java.util.concurrent.CountDownLatch clockSet = new java.util.concurrent.CountDownLatch(1);
            // measured from, end: written before clockSet opens, read after
            long[] clock = new long[2];
            long[] cpuFrom = {-1};
            List<Future<?>> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                String reader = "reader" + i;
                ChildServer.Session session = sessions.get(i);
                long study = studyId;
                readers.add(pool.submit(() -> {
                    JsonNode worklist = JSON.readTree(session.get("/api/studies/" + study + "/worklist").body());
                    Map<String, Integer> versions = new java.util.HashMap<>();
                    try {
                        for (JsonNode item : worklist) {
                            save(session, study, reader, item.path("code").asText(), versions, Long.MAX_VALUE, results);
                        }
                    }
                    finally {
                        firstReads.countDown();
                    }
                    clockSet.await();
                    for (int n = 0; System.nanoTime() < clock[1]; n++) {
                        save(session, study, reader, worklist.get(n % worklist.size()).path("code").asText(), versions, clock[0], results);
                    }
                    return null;
                }));
            }
            // every reader's first read of every scan (36 values and audit rows each, against 12 for a
            // change) is saved before the clock starts, so that the measured saves are alike whatever
            // the throughput: a slower run would otherwise measure more of the heavier first reads
            assertThat(firstReads.await(10, java.util.concurrent.TimeUnit.MINUTES)).as("first reads saved").isTrue();
            clock[0] = System.nanoTime() + Duration.ofSeconds(WARMUP_SECONDS).toNanos();
            clock[1] = clock[0] + Duration.ofSeconds(SECONDS).toNanos();
            long measureFrom = clock[0];
            clockSet.countDown();
            // the server's CPU time over the measured part only
            long untilMeasured = measureFrom - System.nanoTime();
            if (untilMeasured > 0) {
                Thread.sleep(untilMeasured / 1_000_000);
            }
            cpuFrom[0] = server.cpuMillis();
            long databaseCpuFrom = statements == null ? -1 : TestDatabases.postgresCpuMillis();
            if (statements != null) {
                statements.reset();
            }
            for (Future<?> reader : readers) {
                reader.get();
            }
            long cpuTo = server.cpuMillis();
            long databaseCpuTo = statements == null ? -1 : TestDatabases.postgresCpuMillis();
            if (statements != null) {
                statements.collect();
            }
            cpuMillis = cpuFrom[0] < 0 || cpuTo < 0 ? -1 : cpuTo - cpuFrom[0];
            databaseCpuMillis = databaseCpuFrom < 0 || databaseCpuTo < 0 ? -1 : databaseCpuTo - databaseCpuFrom;
            pool.shutdown();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double p99 = percentile(sorted, 0.99);
        double loadAfter = loadAverage();
        System.out.printf("load on %s: %d readers, %d s after %d s warm-up, %d saves (%.0f/s), latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, "
                        + "max %.1f ms, server CPU %.2f ms per save, load average %.1f before, %.1f after (%d cores), %d failures%n",
                kind, READERS, SECONDS, WARMUP_SECONDS, saves.get(), saves.get() / (double) SECONDS, percentile(sorted, 0.50), percentile(sorted, 0.90),
                p99, sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6, cpuMillis < 0 ? -1 : cpuMillis / (double) saves.get(),
                loadBefore, loadAfter, CORES, failures.size());
        if (statements != null) {
            // every save after the reset, measured or not yet done when the clock started
            System.out.printf("load on %s: database CPU %.2f ms per save, %s%n", kind,
                    databaseCpuMillis < 0 ? -1 : databaseCpuMillis / (double) saves.get(), statements.perSave(saves.get()));
        }
        assertThat(failures).isEmpty();
        if (loadBefore >= 0 && loadBefore < CORES) {
            assertThat(p99).as("p99 of saves on %s (ms)", kind).isLessThan(P99_LIMIT_MILLIS);
        }
        try (StudyDatabase database = StudyDatabase.open(url, Clock.systemUTC()); Handle handle = database.openHandle()) {
            for (Ack ack : lastAck.values()) {
                Integer stored = handle.createQuery("""
                                SELECT r.version FROM ct_reads r JOIN ct_scans s ON s.id = r.scan_id
                                WHERE s.code = :code AND r.reader = :reader AND r.adjudication = 0""")
                        .bind("code", ack.code()).bind("reader", ack.reader()).mapTo(Integer.class).one();
                assertThat(stored).as("version of %s's read of %s", ack.reader(), ack.code()).isEqualTo(ack.version());
            }
            int audited = handle.createQuery("SELECT COUNT(DISTINCT entity_id || ':' || version) FROM audit_log WHERE entity = 'ct_read'")
                    .mapTo(Integer.class).one();
            assertThat(audited).as("one audited version per acknowledged save").isEqualTo(allSaves.get() - failures.size());
        }
    }

    /** What the readers' saves gave: latencies of the measured ones, failures, each read's last acknowledged version, counts. */
    private record Results(List<Long> latencies, List<String> failures, Map<String, Ack> lastAck, AtomicInteger saves, AtomicInteger allSaves) {}

    /** One save of {@code reader}'s read of scan {@code code} on the version last acknowledged; measured when it starts at {@code measureFrom} or later. */
    private static void save(ChildServer.Session session, long study, String reader, String code, Map<String, Integer> versions, long measureFrom,
            Results results)
            throws java.io.IOException, InterruptedException
    {
        int version = versions.getOrDefault(code, 0);
        long started = System.nanoTime();
        HttpResponse<String> response = session.send("PUT", "/api/studies/" + study + "/worklist/" + code, read(version, version % 10 * 10));
        boolean measured = started >= measureFrom;
        if (measured) {
            results.latencies().add(System.nanoTime() - started);
        }
        results.allSaves().incrementAndGet();
        if (response.statusCode() != 200) {
            results.failures().add(reader + " " + code + ": " + response.statusCode() + " " + response.body());
            return;
        }
        int saved = JSON.readTree(response.body()).path("version").asInt();
        versions.put(code, saved);
        results.lastAck().put(reader + " " + code, new Ack(reader, code, saved));
        if (measured) {
            results.saves().incrementAndGet();
        }
    }

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /** The machine's one-minute load average, -1 where /proc is missing. */
    private static double loadAverage()
    {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        }
        catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double percentile(List<Long> sorted, double fraction)
    {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(fraction * sorted.size()) - 1)) / 1e6;
    }

    /** Every save changes the read (normal and ground glass shift by 10 points), so every version has audit lines. */
    private static String read(int version, int groundGlass)
    {
        StringBuilder zones = new StringBuilder();
        for (String zone : List.of("RU", "RM", "RL", "LU", "LM", "LL")) {
            zones.append(zones.length() == 0 ? "" : ",").append("{\"zone\":\"").append(zone).append("\",\"normal\":").append(100 - groundGlass)
                    .append(",\"ggo\":").append(groundGlass).append(",\"consolidation\":0,\"ggoTraction\":0,\"consolidationTraction\":0,\"honeycombing\":0}");
        }
        return "{\"version\":" + version + ",\"adjudication\":false,\"zones\":[" + zones + "]}";
    }
}
