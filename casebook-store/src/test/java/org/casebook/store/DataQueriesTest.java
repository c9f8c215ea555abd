package org.casebook.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.Protocols;
import org.casebook.store.cases.CaseImport;
import org.casebook.store.cases.CaseSummary;
import org.casebook.store.cases.Cases;
import org.casebook.store.cases.DataQueries;
import org.casebook.store.cases.DataQuery;
import org.casebook.store.study.Studies;
import org.casebook.store.study.Study;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Data queries: opened on a value, answered, closed by their opener only, audited, blocking the case's lock; on SQLite and PostgreSQL. */
class DataQueriesTest
{
    private static final Map<String, StudyDatabase> DATABASES = new ConcurrentHashMap<>();

    static List<String> databases()
    {
        return TestDatabases.names();
    }

    private static StudyDatabase database(String kind)
    {
        return DATABASES.computeIfAbsent(kind, TestDatabases::open);
    }

    @AfterAll
    static void close()
    {
        DATABASES.values().forEach(StudyDatabase::close);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aQueryIsOpenedAnsweredAndClosedByItsOpenerAndBlocksLockingUntilThen(String kind)
    {
        StudyDatabase database = database(kind);
        Study study = new Studies(database).create("study " + System.nanoTime(), Protocols.SEED, 30, "admin");
        new CaseImport(database).importWorkbook(study.id(), Fixtures.twoPatients(), "alice");
        Cases cases = new Cases(database);
        CaseSummary summary = cases.list(study.id()).get(0);
        String age = cases.values(summary.id()).stream().filter(v -> v.field().equals("age")).findFirst().orElseThrow().value();
        DataQueries queries = new DataQueries(database);

        assertThatThrownBy(() -> queries.open(study.id(), summary.id(), "", "age", "  ", "monitor"))
                .isInstanceOf(CasebookException.class).hasMessageContaining("expected a comment");
        long id = queries.open(study.id(), summary.id(), "", "age", "age at admission? the chart says 71", "monitor");
        DataQuery opened = queries.get(study.id(), id);
        assertThat(opened.status()).isEqualTo(DataQuery.OPEN);
        assertThat(opened.value()).isEqualTo(age);
        assertThat(opened.patientId()).isEqualTo(summary.patientId());
        assertThat(queries.unresolvedFields(study.id())).containsEntry(summary.id(), List.of("age"));

        // an open query blocks the lock
        assertThatThrownBy(() -> cases.setLocked(study.id(), summary.id(), summary.version(), true, null, "alice"))
                .isInstanceOf(CasebookException.class).hasMessageContaining("1 data query not closed");

        int answered = queries.answer(study.id(), id, opened.version(), "corrected from the admission note", "alice");
        assertThatThrownBy(() -> queries.answer(study.id(), id, opened.version(), "again", "alice")).isInstanceOf(ConflictException.class);
        // answered is not closed: still blocks
        assertThatThrownBy(() -> cases.setLocked(study.id(), summary.id(), summary.version(), true, null, "alice"))
                .isInstanceOf(CasebookException.class).hasMessageContaining("not closed");
        // only the opener closes
        assertThatThrownBy(() -> queries.close(study.id(), id, answered, "fine", "alice"))
                .isInstanceOfSatisfying(CasebookException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN));
        queries.close(study.id(), id, answered, "fine now", "monitor");
        DataQuery closed = queries.get(study.id(), id);
        assertThat(closed.status()).isEqualTo(DataQuery.CLOSED);
        assertThat(closed.messages()).extracting(DataQuery.Message::action).containsExactly("OPEN", "ANSWER", "CLOSE");
        assertThat(closed.messages()).extracting(DataQuery.Message::username).containsExactly("monitor", "alice", "monitor");
        assertThatThrownBy(() -> queries.answer(study.id(), id, closed.version(), "late", "alice")).hasMessageContaining("closed");
        assertThat(queries.unresolvedFields(study.id())).isEmpty();
        assertThat(queries.forCase(study.id(), summary.id())).hasSize(1);
        assertThat(queries.forStudy(study.id(), DataQuery.OPEN)).isEmpty();

        cases.setLocked(study.id(), summary.id(), summary.version(), true, null, "alice");
        assertThat(cases.get(study.id(), summary.id()).locked()).isTrue();

        List<AuditEntry> audit = new AuditTrail(database).forEntity(DataQueries.ENTITY, id);
        assertThat(audit).extracting(AuditEntry::field).containsExactly("age", "status", "status");
        assertThat(audit).extracting(AuditEntry::newValue).containsExactly("OPEN", "ANSWERED", "CLOSED");
        assertThat(audit.get(0).oldValue()).isEqualTo(age);
        assertThat(audit).extracting(AuditEntry::username).containsExactly("monitor", "alice", "monitor");
        assertThat(audit.get(1).reason()).isEqualTo("corrected from the admission note");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aQueryOfAnotherStudyIsNotFound(String kind)
    {
        StudyDatabase database = database(kind);
        Studies studies = new Studies(database);
        Study one = studies.create("one " + System.nanoTime(), Protocols.SEED, 30, "admin");
        Study other = studies.create("other " + System.nanoTime(), Protocols.SEED, 30, "admin");
        new CaseImport(database).importWorkbook(one.id(), Fixtures.twoPatients(), "alice");
        CaseSummary summary = new Cases(database).list(one.id()).get(0);
        DataQueries queries = new DataQueries(database);
        assertThatThrownBy(() -> queries.open(other.id(), summary.id(), "", "age", "why?", "eve")).isInstanceOf(NotFoundException.class);
        long id = queries.open(one.id(), summary.id(), "after", "pao2", "why?", "monitor");
        assertThatThrownBy(() -> queries.answer(other.id(), id, 1, "because", "eve")).isInstanceOf(NotFoundException.class);
        assertThat(queries.get(one.id(), id).value()).isNull();
    }
}
