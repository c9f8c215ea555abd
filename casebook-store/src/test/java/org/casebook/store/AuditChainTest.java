package org.casebook.store;

import java.util.List;

import org.casebook.protocol.Protocols;
import org.casebook.store.cases.CaseImport;
import org.casebook.store.study.Studies;
import org.casebook.store.study.Study;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail's hash chain finds a changed, removed or forged row, on SQLite and on PostgreSQL. */
class AuditChainTest
{
    static List<String> databases()
    {
        return TestDatabases.names();
    }

    /** A fresh database with a study and an import: some dozens of audit rows. */
    private static StudyDatabase withHistory(String kind)
    {
        StudyDatabase database = TestDatabases.open(kind);
        Study study = new Studies(database).create("chained", Protocols.SEED, 30, "admin");
        new CaseImport(database).importWorkbook(study.id(), Fixtures.twoPatients(), "alice");
        return database;
    }

    /** What a database owner can do: switch the append-only triggers off. */
    private static void dropGuards(Handle handle, String kind)
    {
        if (kind.equals("sqlite")) {
            handle.execute("DROP TRIGGER audit_log_no_update");
            handle.execute("DROP TRIGGER audit_log_no_delete");
        }
        else {
            handle.execute("ALTER TABLE audit_log DISABLE TRIGGER USER");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anUntouchedTrailVerifies(String kind)
    {
        try (StudyDatabase database = withHistory(kind)) {
            AuditChain.Verification verification = AuditChain.verify(database);
            assertThat(verification.intact()).as(verification.problem().orElse("")).isTrue();
            assertThat(verification.chained()).isGreaterThan(5);
            assertThat(verification.beforeChain()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aChangedRowIsFound(String kind)
    {
        try (StudyDatabase database = withHistory(kind)) {
            long id = database.withHandle(handle -> {
                dropGuards(handle, kind);
                long target = handle.createQuery("SELECT MIN(id) + 3 FROM audit_log").mapTo(Long.class).one();
                handle.createUpdate("UPDATE audit_log SET new_value = 'forged' WHERE id = :id").bind("id", target).execute();
                return target;
            });
            assertThat(AuditChain.verify(database).problem()).hasValue("row " + id + " was changed after it was written: its content does not match its hash");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRemovedRowAndRemovedNewestRowsAreFound(String kind)
    {
        try (StudyDatabase database = withHistory(kind)) {
            long next = database.withHandle(handle -> {
                dropGuards(handle, kind);
                long target = handle.createQuery("SELECT MIN(id) + 2 FROM audit_log").mapTo(Long.class).one();
                handle.createUpdate("DELETE FROM audit_log WHERE id = :id").bind("id", target).execute();
                return target + 1;
            });
            assertThat(AuditChain.verify(database).problem()).hasValueSatisfying(problem -> assertThat(problem).startsWith("row " + next + " does not follow"));
        }
        try (StudyDatabase database = withHistory(kind)) {
            database.withHandle(handle -> {
                dropGuards(handle, kind);
                return handle.createUpdate("DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)").execute();
            });
            assertThat(AuditChain.verify(database).problem()).hasValueSatisfying(problem -> assertThat(problem).contains("newest rows were removed"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRowInsertedPastTheApplicationIsFound(String kind)
    {
        try (StudyDatabase database = withHistory(kind)) {
            database.withHandle(handle -> handle.createUpdate("""
                    INSERT INTO audit_log (at, username, entity, entity_id, field, new_value) VALUES ('2026-01-01T00:00:00Z', 'mallory', 'case', 1, 'locked', 'no')""")
                    .execute());
            assertThat(AuditChain.verify(database).problem()).hasValueSatisfying(problem -> assertThat(problem).contains("has no hash"));
        }
    }
}
