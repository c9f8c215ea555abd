package org.casebook.web;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.protocol.Protocols;
import org.casebook.store.StudyDatabase;
import org.casebook.store.cases.CaseImport;
import org.casebook.store.cases.Cases;
import org.casebook.store.study.Studies;
import org.casebook.store.study.Study;
import org.casebook.store.study.StudyRole;
import org.casebook.store.study.Users;
import org.casebook.web.security.PasswordHashing;
import org.casebook.workbook.WorkbookWriter;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Kills the server with SIGKILL (kill -9) inside the transaction of a large import, while edits
 * are being saved, restarts it on the same database and checks that nothing is half-done. The
 * kill is provably inside the import: the server logs {@code import started: study N, 4000 cases}
 * once the import's transaction is open (and {@code import committed: …} after it commits); the
 * test waits for the first line in the child's output and kills at once. Afterwards the HTTP call
 * has had no answer, the log has no commit line, the database holds none of the import's cases,
 * values or audit lines, every acknowledged save is there with its audit line, and every stored
 * value is the last value its audit trail gives it. On SQLite and on PostgreSQL.
 */
class CrashConsistencyTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SEEDED = 3;
    private static final int IMPORTED = 4000;

    static List<String> databases()
    {
        return TestDatabases.names();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void killNineInsideTheImportTransactionLeavesNoneOfItAndAConsistentDatabase(String kind)
            throws Exception
    {
        String url = TestDatabases.newDatabaseUrl(kind);
        long studyId;
        long caseId;
        try (StudyDatabase database = StudyDatabase.open(url, Clock.systemUTC())) {
            new Users(database).add("investigator", PasswordHashing.encoder().encode(StudyFixture.PASSWORD), false, "test");
            Study study = new Studies(database).create("crash", Protocols.SEED, 30, "test");
            studyId = study.id();
            new Users(database).grant(studyId, "investigator", StudyRole.INVESTIGATOR, false, "test");
            new CaseImport(database).importWorkbook(studyId, StudyFixture.workbook(SEEDED), "test");
            caseId = new Cases(database).list(studyId).get(0).id();
        }
        Path folder = TestFolders.folder("casebook-crash");
        Path workbook = Files.createDirectories(folder.resolve("workbook"));
        new WorkbookWriter().writeCsvFolder(StudyFixture.workbook(IMPORTED), workbook);
        for (String file : List.of("cases.csv", "measurements.csv", "ct_studies.csv", "ct_reads.csv")) {
            Files.writeString(workbook.resolve(file), Files.readString(workbook.resolve(file)).replaceAll("\\bP(\\d+)", "X$1"));
        }
        Path log = folder.resolve("server.log");
        String started = "import started: study " + studyId + ", " + IMPORTED + " cases";
        String committed = "import committed: study " + studyId;

        Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
        ChildServer server = ChildServer.start(url, log);
        ChildServer.Session session = server.login("investigator", StudyFixture.PASSWORD);
        String casePath = "/api/studies/" + studyId + "/cases/" + caseId;
        AtomicInteger version = new AtomicInteger(JSON.readTree(session.get(casePath).body()).path("summary").path("version").asInt());
        for (int i = 0; i < 3; i++) {
            assertThat(save(session, casePath, version, acknowledged, 40 + i)).isTrue();
        }
        ExecutorService workers = Executors.newFixedThreadPool(2);
        AtomicBoolean running = new AtomicBoolean(true);
        Future<?> saves = workers.submit(() -> {
            for (int i = 0; running.get() && save(session, casePath, version, acknowledged, 50 + i % 40); i++) {
                // saves until the kill (on SQLite they wait for the import's write lock)
            }
            return null;
        });
        Future<HttpResponse<String>> upload = workers.submit(() -> session.upload("/api/studies/" + studyId + "/import",
                List.of(workbook.resolve("cases.csv"), workbook.resolve("measurements.csv"), workbook.resolve("ct_studies.csv"), workbook.resolve("ct_reads.csv"))));
        awaitLine(log, started, Duration.ofSeconds(120));
        server.killNine();
        running.set(false);
        String output = Files.readString(log);
        assertThat(output).as("the import had not committed when the server was killed").doesNotContain(committed);
        assertThatThrownBy(() -> upload.get(30, TimeUnit.SECONDS)).as("the import request got no answer")
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
        workers.shutdown();
        assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(saves.isDone()).isTrue();
        assertThat(output).doesNotContain("X1,").doesNotContain("P1");

        try (ChildServer restarted = ChildServer.start(url, log)) {
            ChildServer.Session again = restarted.login("investigator", StudyFixture.PASSWORD);
            var caseResponse = again.get(casePath);
            assertThat(caseResponse.statusCode()).isEqualTo(200);
            int served = JSON.readTree(caseResponse.body()).path("summary").path("version").asInt();
            try (StudyDatabase database = StudyDatabase.open(url, Clock.systemUTC()); Handle handle = database.openHandle()) {
                if (kind.equals("sqlite")) {
                    assertThat(handle.createQuery("PRAGMA integrity_check").mapTo(String.class).one()).isEqualTo("ok");
                }
                assertThat(count(handle, "SELECT COUNT(*) FROM cases WHERE study_id = :s", studyId)).as("none of the import's cases").isEqualTo(SEEDED);
                assertThat(count(handle, "SELECT COUNT(*) FROM cases WHERE patient_id LIKE 'X%'", studyId)).isZero();
                assertThat(count(handle, "SELECT COUNT(*) FROM ct_scans WHERE study_id = :s", studyId)).isEqualTo(SEEDED);
                assertThat(count(handle, "SELECT COUNT(*) FROM audit_log WHERE study_id = :s AND field = 'import'", studyId))
                        .as("only the seeded import is in the audit trail").isEqualTo(1);
                assertThat(count(handle, "SELECT COUNT(*) FROM audit_log a WHERE a.entity = 'case' AND a.study_id = :s "
                        + "AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = a.entity_id)", studyId)).as("audit lines of cases that do not exist").isZero();
                assertValuesAreTheirAuditTrailsLastValues(database, handle, studyId);
                System.out.printf("kill -9 on %s inside the import of %d cases: rolled back; %d save(s) acknowledged, case at version %d%n",
                        kind, IMPORTED, acknowledged.size(), acknowledged.keySet().stream().mapToInt(Integer::intValue).max().orElse(0));

                int stored = handle.createQuery("SELECT version FROM cases WHERE id = :id").bind("id", caseId).mapTo(Integer.class).one();
                assertThat(served).isEqualTo(stored);
                int lastAudited = handle.createQuery("SELECT MAX(version) FROM audit_log WHERE entity = 'case' AND entity_id = :id")
                        .bind("id", caseId).mapTo(Integer.class).one();
                assertThat(lastAudited).as("the case version is the last version in its audit trail").isEqualTo(stored);
                int highestAcknowledged = acknowledged.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
                assertThat(stored).as("no acknowledged save is lost").isGreaterThanOrEqualTo(highestAcknowledged);
                for (Map.Entry<Integer, String> save : acknowledged.entrySet()) {
                    assertThat(handle.createQuery("""
                                    SELECT COUNT(*) FROM audit_log WHERE entity = 'case' AND entity_id = :id AND version = :v
                                    AND field = 'onset.pao2' AND new_value = :value""")
                            .bind("id", caseId).bind("v", save.getKey()).bind("value", save.getValue()).mapTo(Integer.class).one())
                            .as("audit line of acknowledged version %s", save.getKey()).isEqualTo(1);
                }
            }
        }
    }

    /** One save of onset PaO2 on the current version; false when it was not acknowledged (the server is gone or busy). */
    private static boolean save(ChildServer.Session session, String casePath, AtomicInteger version, Map<Integer, String> acknowledged, int pao2)
            throws IOException, InterruptedException
    {
        String value = Integer.toString(pao2);
        HttpResponse<String> response = session.send("PUT", casePath + "/values",
                "{\"version\":" + version.get() + ",\"edits\":[{\"timepoint\":\"onset\",\"variable\":\"pao2\",\"value\":\"" + value + "\"}]}");
        if (response.statusCode() != 200) {
            return false;
        }
        version.set(JSON.readTree(response.body()).path("version").asInt());
        acknowledged.put(version.get(), value);
        return true;
    }

    private static void awaitLine(Path log, String line, Duration timeout)
            throws IOException, InterruptedException
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(line)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the server did not log '" + line + "' within " + timeout);
    }

    private static int count(Handle handle, String sql, long studyId)
    {
        var query = handle.createQuery(sql);
        if (sql.contains(":s")) {
            query.bind("s", studyId);
        }
        return query.mapTo(Integer.class).one();
    }

    private static List<org.casebook.store.cases.StoredAdverseEvent> adverseEvents(StudyDatabase database, Handle handle, long studyId)
    {
        List<Long> caseIds = handle.createQuery("SELECT id FROM cases WHERE study_id = :s").bind("s", studyId).mapTo(Long.class).list();
        org.casebook.store.cases.AdverseEvents events = new org.casebook.store.cases.AdverseEvents(database);
        return caseIds.stream().flatMap(id -> events.list(id).stream()).toList();
    }

    /**
     * Every stored value of the study's cases (case fields, measurements, adverse-event columns) is
     * the new value of the last audit line of its field, and every field whose last line set a value has it.
     */
    private static void assertValuesAreTheirAuditTrailsLastValues(StudyDatabase database, Handle handle, long studyId)
    {
        Map<String, String> stored = new HashMap<>();
        handle.createQuery("SELECT v.case_id, v.timepoint, v.variable, v.value FROM case_values v JOIN cases c ON c.id = v.case_id WHERE c.study_id = :s")
                .bind("s", studyId)
                .map((rs, ctx) -> Map.entry(rs.getLong(1) + " " + (rs.getString(2).isEmpty() ? "" : rs.getString(2) + ".") + rs.getString(3), rs.getString(4)))
                .forEach(value -> stored.put(value.getKey(), value.getValue()));
        for (org.casebook.store.cases.StoredAdverseEvent event : adverseEvents(database, handle, studyId)) {
            event.fields().forEach((column, value) -> {
                if (value != null) {
                    stored.put(event.caseId() + " " + org.casebook.store.cases.StoredAdverseEvent.auditField(event.id(), column), value);
                }
            });
        }
        Map<String, String> audited = new HashMap<>();
        handle.createQuery("SELECT entity_id, field, new_value FROM audit_log WHERE entity = 'case' AND study_id = :s AND field <> 'locked' ORDER BY id")
                .bind("s", studyId)
                .map((rs, ctx) -> new String[] {rs.getLong(1) + " " + rs.getString(2), rs.getString(3)})
                .forEach(line -> audited.put(line[0], line[1]));
        audited.values().removeIf(java.util.Objects::isNull);
        assertThat(stored).as("values and their audit trail").isNotEmpty().isEqualTo(audited);
    }
}
