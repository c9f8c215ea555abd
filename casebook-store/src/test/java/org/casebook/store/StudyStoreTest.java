package org.casebook.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.protocol.Protocols;
import org.casebook.store.cases.CaseImport;
import org.casebook.store.cases.CaseSummary;
import org.casebook.store.cases.CaseValueValidator;
import org.casebook.store.cases.Cases;
import org.casebook.store.cases.StudyWorkbooks;
import org.casebook.store.cases.ValidationException;
import org.casebook.store.cases.ValueEdit;
import org.casebook.store.ct.CtReading;
import org.casebook.store.ct.CtScan;
import org.casebook.store.ct.WorklistItem;
import org.casebook.store.study.Studies;
import org.casebook.store.study.Study;
import org.casebook.store.study.StudyRole;
import org.casebook.store.study.Users;
import org.casebook.error.CasebookException;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store's guarantees, each checked on SQLite and on PostgreSQL with the same migrations. */
class StudyStoreTest
{
    private static final Map<String, StudyDatabase> DATABASES = new ConcurrentHashMap<>();
    private static final CaseValueValidator VALIDATOR = new CaseValueValidator(Protocols.builtIn(Protocols.SEED));

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

    private static Study importedStudy(StudyDatabase database)
    {
        Study study = new Studies(database).create("study " + System.nanoTime(), Protocols.SEED, 30, "admin");
        new CaseImport(database).importWorkbook(study.id(), Fixtures.twoPatients(), "alice");
        return study;
    }

    private static CaseSummary firstCase(StudyDatabase database, Study study)
    {
        return new Cases(database).list(study.id()).get(0);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void auditTrailRefusesUpdateAndDelete(String kind)
    {
        StudyDatabase database = database(kind);
        importedStudy(database);
        try (Handle handle = database.openHandle()) {
            int before = handle.createQuery("SELECT COUNT(*) FROM audit_log").mapTo(Integer.class).one();
            assertThat(before).isPositive();
            assertThatThrownBy(() -> handle.createUpdate("UPDATE audit_log SET new_value = 'forged'").execute())
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> handle.createUpdate("DELETE FROM audit_log").execute())
                    .hasMessageContaining("append-only");
            assertThat(handle.createQuery("SELECT COUNT(*) FROM audit_log").mapTo(Integer.class).one()).isEqualTo(before);
            assertThat(handle.createQuery("SELECT COUNT(*) FROM audit_log WHERE new_value = 'forged'").mapTo(Integer.class).one()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void staleSaveIsRefusedNamingTheOtherChange(String kind)
    {
        StudyDatabase database = database(kind);
        Study study = importedStudy(database);
        Cases cases = new Cases(database);
        CaseSummary opened = firstCase(database, study);
        cases.save(study.id(), opened.id(), opened.version(), List.of(new ValueEdit("onset", "pao2", "65")), null, "alice", VALIDATOR);
        assertThatThrownBy(() -> cases.save(study.id(), opened.id(), opened.version(), List.of(new ValueEdit("onset", "pao2", "70")), null, "bob", VALIDATOR))
                .isInstanceOfSatisfying(ConflictException.class, conflict -> {
                    assertThat(conflict.otherChanges()).extracting(AuditEntry::username).containsExactly("alice");
                    assertThat(conflict.getMessage()).contains("alice").contains("onset.pao2 '58' → '65'");
                });
        assertThat(cases.values(opened.id())).filteredOn(value -> value.field().equals("onset.pao2")).extracting(v -> v.value()).containsExactly("65");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void invalidValuesAreRefusedAllTogether(String kind)
    {
        StudyDatabase database = database(kind);
        Study study = importedStudy(database);
        CaseSummary opened = firstCase(database, study);
        assertThatThrownBy(() -> new Cases(database).save(study.id(), opened.id(), opened.version(),
                List.of(new ValueEdit("onset", "pao2", "abc"), new ValueEdit("", "admission_date", "2024-13-01"), new ValueEdit("onset", "pao2x", "1")),
                null, "alice", VALIDATOR))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("onset.pao2", "admission_date", "onset.pao2x"));
        assertThat(firstCase(database, study).version()).isEqualTo(opened.version());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void computedPfRatioFollowsItsPao2AndFio2(String kind)
    {
        StudyDatabase database = database(kind);
        Study study = importedStudy(database);
        Cases cases = new Cases(database);
        CaseSummary opened = firstCase(database, study);
        int version = cases.save(study.id(), opened.id(), opened.version(), List.of(new ValueEdit("onset", "fio2", "0.5")), null, "alice", VALIDATOR);
        assertThat(pfRatio(cases, opened)).isEqualTo("116");
        version = cases.save(study.id(), opened.id(), version, List.of(new ValueEdit("onset", "pao2", "65")), null, "alice", VALIDATOR);
        assertThat(pfRatio(cases, opened)).isEqualTo("130");
        version = cases.save(study.id(), opened.id(), version, List.of(new ValueEdit("onset", "pf_ratio", "140")), null, "alice", VALIDATOR);
        cases.save(study.id(), opened.id(), version, List.of(new ValueEdit("onset", "pao2", "70")), null, "alice", VALIDATOR);
        assertThat(pfRatio(cases, opened)).as("a P/F typed by a user is left alone").isEqualTo("140");
        assertThat(cases.history(opened.id())).extracting(AuditEntry::field).contains("onset.pf_ratio");
    }

    private static String pfRatio(Cases cases, CaseSummary summary)
    {
        return cases.values(summary.id()).stream().filter(value -> value.field().equals("onset.pf_ratio")).map(value -> value.value()).findFirst().orElse(null);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void lockedCaseChangesOnlyWithAReason(String kind)
    {
        StudyDatabase database = database(kind);
        Study study = importedStudy(database);
        Cases cases = new Cases(database);
        CaseSummary opened = firstCase(database, study);
        int locked = cases.setLocked(study.id(), opened.id(), opened.version(), true, null, "alice");
        assertThatThrownBy(() -> cases.save(study.id(), opened.id(), locked, List.of(new ValueEdit("onset", "pao2", "66")), " ", "alice", VALIDATOR))
                .isInstanceOf(CasebookException.class)
                .hasMessageContaining("locked");
        cases.save(study.id(), opened.id(), locked, List.of(new ValueEdit("onset", "pao2", "66")), "transcription error", "alice", VALIDATOR);
        assertThat(cases.history(opened.id())).last()
                .satisfies(entry -> {
                    assertThat(entry.field()).isEqualTo("onset.pao2");
                    assertThat(entry.oldValue()).isEqualTo("58");
                    assertThat(entry.newValue()).isEqualTo("66");
                    assertThat(entry.reason()).isEqualTo("transcription error");
                });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void blindedReadingWithAdjudication(String kind)
    {
        StudyDatabase database = database(kind);
        Study study = importedStudy(database);
        new Users(database).add("carol", "{noop}x", false, "admin");
        new Users(database).grant(study.id(), "carol", StudyRole.READER, true, "admin");
        CtReading reading = new CtReading(database);
        CtScan scan = reading.scans(study.id()).get(0);
        // the workbook's reader label R1 is also a user and reader of the study: only readers get scans
        if (new Users(database).find("R1").isEmpty()) {
            new Users(database).add("R1", "{noop}x", false, "admin");
        }
        new Users(database).grant(study.id(), "R1", StudyRole.READER, false, "admin");
        reading.assignAll(study.id(), "R1", "admin");
        assertThatThrownBy(() -> reading.saveRead(study.id(), scan.code(), "R1", false, 1,
                List.of(org.casebook.ctscore.ZoneExtent.of(org.casebook.ctscore.LungZone.RU, 50, 40, 0, 0, 0, 0))))
                .isInstanceOf(IllegalArgumentException.class);
        // imported reads: R1 total 130, R2 total 140; R1 rereads at 100 % ground glass: 200, 60 points apart
        reading.saveRead(study.id(), scan.code(), "R1", false, 1, Fixtures.zones(0, 100));
        assertThat(reading.scansNeedingAdjudication(study.id())).containsExactly(scan.id());
        List<WorklistItem> worklist = reading.worklist(study.id(), "carol", true);
        assertThat(worklist).extracting(WorklistItem::code).containsExactly(scan.code());
        reading.saveRead(study.id(), scan.code(), "carol", true, 0, Fixtures.zones(50, 50));
        CaseWorkbook workbook = new StudyWorkbooks(database).load(study.id());
        assertThat(workbook.ichikadoReads()).singleElement().satisfies(read -> assertThat(read.score().total()).isEqualTo(150.0));
        assertThat(new StudyWorkbooks(database).adjudicatedScans(study.id())).containsExactly(scan.code());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void importedStudyReadsBackAsTheSameWorkbook(String kind)
    {
        StudyDatabase database = database(kind);
        Study study = importedStudy(database);
        CaseWorkbook original = Fixtures.twoPatients();
        CaseWorkbook loaded = new StudyWorkbooks(database).load(study.id());
        // the named components as imported; the loaded cases also carry their values by the protocol's field names
        assertThat(loaded.cases()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("source", "fields").isEqualTo(original.cases());
        for (int i = 0; i < original.cases().size(); i++) {
            assertThat(loaded.cases().get(i).fields()).containsOnlyKeys(original.cases().get(i).values().keySet());
        }
        assertThat(loaded.measurements()).extracting(m -> m.patientId() + m.timepoint() + m.variable() + m.value())
                .containsExactlyInAnyOrderElementsOf(original.measurements().stream().map(m -> m.patientId() + m.timepoint() + m.variable() + m.value()).toList());
        assertThat(loaded.ichikadoReads()).hasSize(2);
        assertThatThrownBy(() -> new CaseImport(database).importWorkbook(study.id(), original, "alice"))
                .hasMessageContaining("already cases");
    }
}
