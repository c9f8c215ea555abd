package org.casebook.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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

/**
 * Kills the server with SIGKILL (kill -9) while it imports a large workbook and saves edits,
 * restarts it on the same database and checks that nothing is half-done: the import is all or
 * nothing, every acknowledged save is there with its audit line, and each case's version is
 * the last version in its audit trail. On SQLite and on PostgreSQL.
 */
class CrashConsistencyTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SEEDED = 3;
    private static final int IMPORTED = 2000;

    static List<String> databases()
    {
        return TestDatabases.names();
    }

    private static int highestAcknowledgedOf(Map<Integer, String> acknowledged)
    {
        return acknowledged.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void killNineDuringImportAndSavesLeavesTheDatabaseConsistent(String kind)
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
        Path folder = Files.createTempDirectory("casebook-crash");
        Path workbook = Files.createDirectories(folder.resolve("workbook"));
        new WorkbookWriter().writeCsvFolder(StudyFixture.workbook(IMPORTED), workbook);
        for (String file : List.of("cases.csv", "measurements.csv", "ct_studies.csv", "ct_reads.csv")) {
            Files.writeString(workbook.resolve(file), Files.readString(workbook.resolve(file)).replaceAll("\\bP(\\d+)", "X$1"));
        }
        Path log = folder.resolve("server.log");

        Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
        ChildServer server = ChildServer.start(url, log);
        ChildServer.Session session = server.login("investigator", StudyFixture.PASSWORD);
        String casePath = "/api/studies/" + studyId + "/cases/" + caseId;
        ExecutorService workers = Executors.newFixedThreadPool(2);
        AtomicBoolean running = new AtomicBoolean(true);
        Future<?> saves = workers.submit(() -> {
            int version = JSON.readTree(session.get(casePath).body()).path("summary").path("version").asInt();
            for (int i = 0; running.get(); i++) {
                String value = Integer.toString(50 + i % 40);
                var response = session.send("PUT", casePath + "/values",
                        "{\"version\":" + version + ",\"edits\":[{\"timepoint\":\"onset\",\"variable\":\"pao2\",\"value\":\"" + value + "\"}]}");
                if (response.statusCode() != 200) {
                    break;
                }
                version = JSON.readTree(response.body()).path("version").asInt();
                acknowledged.put(version, value);
            }
            return null;
        });
        Future<?> upload = workers.submit(() -> session.upload("/api/studies/" + studyId + "/import",
                List.of(workbook.resolve("cases.csv"), workbook.resolve("measurements.csv"), workbook.resolve("ct_studies.csv"), workbook.resolve("ct_reads.csv"))));
        Thread.sleep(2000);
        server.killNine();
        running.set(false);
        workers.shutdown();
        workers.awaitTermination(30, TimeUnit.SECONDS);
        assertThat(acknowledged).as("saves acknowledged before the kill").isNotEmpty();
        assertThat(upload.isDone()).isTrue();
        saves.isDone();

        try (ChildServer restarted = ChildServer.start(url, log)) {
            ChildServer.Session again = restarted.login("investigator", StudyFixture.PASSWORD);
            var caseResponse = again.get(casePath);
            assertThat(caseResponse.statusCode()).isEqualTo(200);
            int served = JSON.readTree(caseResponse.body()).path("summary").path("version").asInt();
            try (StudyDatabase database = StudyDatabase.open(url, Clock.systemUTC()); Handle handle = database.openHandle()) {
                if (kind.equals("sqlite")) {
                    assertThat(handle.createQuery("PRAGMA integrity_check").mapTo(String.class).one()).isEqualTo("ok");
                }
                int cases = handle.createQuery("SELECT COUNT(*) FROM cases WHERE study_id = :s").bind("s", studyId).mapTo(Integer.class).one();
                assertThat(cases).as("the import is all or nothing").isIn(SEEDED, SEEDED + IMPORTED);
                System.out.printf("kill -9 on %s: import %s, %d save(s) acknowledged, case at version %d%n", kind,
                        cases == SEEDED ? "rolled back" : "committed", acknowledged.size(), highestAcknowledgedOf(acknowledged));
                int values = handle.createQuery("SELECT COUNT(*) FROM case_values v JOIN cases c ON c.id = v.case_id WHERE c.study_id = :s AND c.patient_id LIKE 'X%'")
                        .bind("s", studyId).mapTo(Integer.class).one();
                assertThat(values == 0).isEqualTo(cases == SEEDED);
                int version = handle.createQuery("SELECT version FROM cases WHERE id = :id").bind("id", caseId).mapTo(Integer.class).one();
                assertThat(served).isEqualTo(version);
                int lastAudited = handle.createQuery("SELECT MAX(version) FROM audit_log WHERE entity = 'case' AND entity_id = :id")
                        .bind("id", caseId).mapTo(Integer.class).one();
                assertThat(lastAudited).as("the case version is the last version in its audit trail").isEqualTo(version);
                int highestAcknowledged = acknowledged.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
                assertThat(version).as("no acknowledged save is lost").isGreaterThanOrEqualTo(highestAcknowledged);
                for (Map.Entry<Integer, String> save : acknowledged.entrySet()) {
                    assertThat(handle.createQuery("""
                                    SELECT COUNT(*) FROM audit_log WHERE entity = 'case' AND entity_id = :id AND version = :v
                                    AND field = 'onset.pao2' AND new_value = :value""")
                            .bind("id", caseId).bind("v", save.getKey()).bind("value", save.getValue()).mapTo(Integer.class).one())
                            .as("audit line of acknowledged version %s", save.getKey()).isEqualTo(1);
                }
                String stored = handle.createQuery("SELECT value FROM case_values WHERE case_id = :id AND timepoint = 'onset' AND variable = 'pao2'")
                        .bind("id", caseId).mapTo(String.class).one();
                String expected = handle.createQuery("SELECT new_value FROM audit_log WHERE entity = 'case' AND entity_id = :id AND field = 'onset.pao2' ORDER BY id DESC")
                        .bind("id", caseId).mapTo(String.class).first();
                assertThat(stored).isEqualTo(expected);
            }
        }
    }
}
