package org.casebook.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.casebook.casedata.AdverseEvent;
import org.casebook.error.CasebookException;
import org.casebook.protocol.Protocols;
import org.casebook.store.cases.AdverseEventEdit;
import org.casebook.store.cases.AdverseEvents;
import org.casebook.store.cases.CaseImport;
import org.casebook.store.cases.CaseSummary;
import org.casebook.store.cases.CaseValueValidator;
import org.casebook.store.cases.Cases;
import org.casebook.store.cases.StoredAdverseEvent;
import org.casebook.store.cases.StudyWorkbooks;
import org.casebook.store.cases.ValidationException;
import org.casebook.store.cases.ValueEdit;
import org.casebook.store.study.Studies;
import org.casebook.store.study.Study;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Adding, editing and removing a case's adverse events: validation, audit, lock and conflict rules, on SQLite and PostgreSQL. */
class AdverseEventsTest
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

    private record Opened(Study study, CaseSummary summary) {}

    private static Opened openedCase(StudyDatabase database)
    {
        Study study = new Studies(database).create("study " + System.nanoTime(), Protocols.SEED, 30, "admin");
        new CaseImport(database).importWorkbook(study.id(), Fixtures.twoPatients(), "alice");
        return new Opened(study, new Cases(database).list(study.id()).get(0));
    }

    private static AdverseEventEdit zoster(String grade, String serious)
    {
        return new AdverseEventEdit("herpes zoster", "2024-02-20", grade, null, serious, "jaki", "drug interrupted", null);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void addEditAndRemoveAreAuditedOnTheCaseWithOldNewAndReason(String kind)
    {
        StudyDatabase database = database(kind);
        Opened opened = openedCase(database);
        AdverseEvents events = new AdverseEvents(database);
        long caseId = opened.summary().id();

        AdverseEvents.Saved added = events.add(opened.study().id(), caseId, opened.summary().version(), zoster("2", "no"), null, "alice");
        assertThat(added.version()).isEqualTo(opened.summary().version() + 1);
        assertThat(events.list(caseId)).singleElement().satisfies(event -> {
            assertThat(event.id()).isEqualTo(added.eventId());
            assertThat(event.grade()).isEqualTo(2);
            assertThat(event.serious()).isFalse();
            assertThat(event.relatedTo()).isEqualTo("jaki");
        });

        int edited = events.update(opened.study().id(), caseId, added.eventId(), added.version(),
                new AdverseEventEdit("herpes zoster", "2024-02-20", "3", null, "YES", "JAKi", "drug stopped", null), "discharge letter", "bob");
        StoredAdverseEvent stored = events.list(caseId).get(0);
        assertThat(stored.grade()).isEqualTo(3);
        assertThat(stored.serious()).isTrue();
        assertThat(stored.relatedTo()).isEqualTo("jaki");
        String prefix = "adverse_event." + added.eventId() + ".";
        List<AuditEntry> editLines = new Cases(database).history(caseId).stream().filter(entry -> entry.version() == edited).toList();
        assertThat(editLines).extracting(AuditEntry::field).containsExactly(prefix + "grade", prefix + "serious", prefix + "action");
        assertThat(editLines).extracting(AuditEntry::oldValue).containsExactly("2", "no", "drug interrupted");
        assertThat(editLines).extracting(AuditEntry::newValue).containsExactly("3", "yes", "drug stopped");
        assertThat(editLines).extracting(AuditEntry::username).containsOnly("bob");
        assertThat(editLines).extracting(AuditEntry::reason).containsOnly("discharge letter");

        int removed = events.remove(opened.study().id(), caseId, added.eventId(), edited, "entered on the wrong patient", "alice");
        assertThat(events.list(caseId)).isEmpty();
        List<AuditEntry> removal = new Cases(database).history(caseId).stream().filter(entry -> entry.version() == removed).toList();
        assertThat(removal).extracting(AuditEntry::field).containsExactly(prefix + "term", prefix + "onset_date", prefix + "grade",
                prefix + "serious", prefix + "related_to", prefix + "action");
        assertThat(removal).extracting(AuditEntry::newValue).containsOnlyNulls();
        assertThat(removal.get(0).oldValue()).isEqualTo("herpes zoster");
        assertThat(new Cases(database).get(opened.study().id(), caseId).version()).isEqualTo(removed);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void invalidEventIsRefusedWithEveryColumnErrorAndNothingSaved(String kind)
    {
        StudyDatabase database = database(kind);
        Opened opened = openedCase(database);
        AdverseEvents events = new AdverseEvents(database);
        long caseId = opened.summary().id();
        assertThatThrownBy(() -> events.add(opened.study().id(), caseId, opened.summary().version(),
                new AdverseEventEdit(" ", "2024-02-30", "6", null, "", "infection", null, null), null, "alice"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fieldErrors()).containsOnlyKeys("term", "onset_date", "grade", "serious", "related_to");
                    assertThat(e.fieldErrors().get("onset_date")).contains("'2024-02-30'").contains("real date");
                    assertThat(e.fieldErrors().get("grade")).contains("'6'").contains("1–5");
                    assertThat(e.fieldErrors().get("serious")).contains("required");
                    assertThat(e.fieldErrors().get("related_to")).contains("'infection'").contains("jaki, glucocorticoid, other, unknown");
                });
        assertThatThrownBy(() -> events.add(opened.study().id(), caseId, opened.summary().version(),
                new AdverseEventEdit("pneumonia", "2999-01-01", "5", null, "no", "", "", null), null, "alice"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fieldErrors()).containsOnlyKeys("onset_date", "serious");
                    assertThat(e.fieldErrors().get("onset_date")).contains("not plausible");
                    assertThat(e.fieldErrors().get("serious")).contains("grade 5 (death)");
                });
        assertThat(events.list(caseId)).isEmpty();
        assertThat(new Cases(database).get(opened.study().id(), caseId).version()).isEqualTo(opened.summary().version());
    }

    /** The seed protocol as an uploaded file whose adverse events relate to the protocol's own levels. */
    private static Map<String, String> seedFilesWithOwnLevels()
    {
        String seed = Protocols.builtInFile(Protocols.SEED, "protocol.yaml").orElseThrow();
        Map<String, String> files = new java.util.LinkedHashMap<>();
        // into the seed's own adverse_events block (which names its CTCAE version)
        assertThat(seed).contains("\nadverse_events:\n");
        files.put("protocol.yaml", seed.replace("\nadverse_events:\n", "\nadverse_events:\n  related_to: {tofacitinib: Tofacitinib, steroid: glucocorticoid, unknown: not known}\n"));
        java.util.regex.Matcher codeSet = java.util.regex.Pattern.compile("codesets/[a-z0-9-]+\\.yaml").matcher(seed);
        while (codeSet.find()) {
            files.put(codeSet.group(), Protocols.builtInFile(Protocols.SEED, codeSet.group()).orElseThrow());
        }
        return files;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void relatedToTakesTheLevelsOfTheStudysOwnProtocol(String kind)
    {
        StudyDatabase database = database(kind);
        Study study = new Studies(database).createFromProtocolFiles("own levels " + System.nanoTime(), seedFilesWithOwnLevels(), 30, "admin");
        new CaseImport(database).importWorkbook(study.id(), Fixtures.twoPatients(), "alice");
        CaseSummary summary = new Cases(database).list(study.id()).get(0);
        AdverseEvents events = new AdverseEvents(database);
        assertThatThrownBy(() -> events.add(study.id(), summary.id(), summary.version(), zoster("2", "no"), null, "alice"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors().get("related_to"))
                        .isEqualTo("related_to: 'jaki': expected one of tofacitinib, steroid, unknown"));
        events.add(study.id(), summary.id(), summary.version(),
                new AdverseEventEdit("herpes zoster", "2024-02-20", "2", null, "no", "STEROID", "none", null), null, "alice");
        assertThat(events.list(summary.id())).singleElement().extracting(StoredAdverseEvent::relatedTo).isEqualTo("steroid");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void ctcaeVersionAndOutcomeAreCheckedStoredAuditedAndReadByTheAnalysis(String kind)
    {
        StudyDatabase database = database(kind);
        Study study = new Studies(database).create("study " + System.nanoTime(), Protocols.SEED, 30, "admin");
        org.casebook.casedata.CaseWorkbook twoPatients = Fixtures.twoPatients();
        AdverseEvent imported = new AdverseEvent("P1", "herpes zoster", java.time.LocalDate.parse("2024-02-20"), 2, "4.03", false, "jaki", null,
                "recovered_with_sequelae", new org.casebook.casedata.SourceRef("adverse_events.csv row 1"));
        new CaseImport(database).importWorkbook(study.id(), new org.casebook.casedata.CaseWorkbook(twoPatients.cases(), twoPatients.measurements(),
                twoPatients.ctStudies(), twoPatients.ichikadoReads(), List.of(), List.of(imported)), "alice");
        CaseSummary summary = new Cases(database).list(study.id()).get(0);
        AdverseEvents events = new AdverseEvents(database);
        StoredAdverseEvent stored = events.list(summary.id()).get(0);
        assertThat(stored.ctcaeVersion()).isEqualTo("4.03");
        assertThat(stored.outcome()).isEqualTo("recovered_with_sequelae");
        String prefix = "adverse_event." + stored.id() + ".";
        assertThat(new Cases(database).history(summary.id())).extracting(AuditEntry::field).contains(prefix + "ctcae_version", prefix + "outcome");

        // the same words as a workbook import gives for the same cells
        assertThatThrownBy(() -> events.update(study.id(), summary.id(), stored.id(), summary.version(),
                new AdverseEventEdit("herpes zoster", "2024-02-20", "2", "latest", "no", "jaki", "", "cured"), null, "bob"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fieldErrors()).containsOnlyKeys("ctcae_version", "outcome");
                    assertThat(e.fieldErrors().get("ctcae_version")).isEqualTo("ctcae_version: 'latest': expected "
                            + org.casebook.schema.AdverseEventSchema.CTCAE_VERSION_EXPECTED);
                    assertThat(e.fieldErrors().get("outcome"))
                            .isEqualTo("outcome: 'cured': expected one of recovered, recovering, not_recovered, recovered_with_sequelae, fatal, unknown");
                });

        // a blank version is the study's; an outcome matches its level ignoring case
        int edited = events.update(study.id(), summary.id(), stored.id(), summary.version(),
                new AdverseEventEdit("herpes zoster", "2024-02-20", "2", " ", "no", "jaki", "", "RECOVERED"), "follow-up visit", "bob");
        assertThat(events.list(summary.id())).singleElement().satisfies(event -> {
            assertThat(event.ctcaeVersion()).isNull();
            assertThat(event.outcome()).isEqualTo("recovered");
        });
        assertThat(new Cases(database).history(summary.id())).filteredOn(entry -> entry.version() == edited)
                .extracting(AuditEntry::field, AuditEntry::oldValue, AuditEntry::newValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(prefix + "ctcae_version", "4.03", null),
                        org.assertj.core.groups.Tuple.tuple(prefix + "outcome", "recovered_with_sequelae", "recovered"));
        assertThat(new StudyWorkbooks(database).load(study.id()).adverseEvents()).singleElement().satisfies(event -> {
            assertThat(event.ctcaeVersion()).isNull();
            assertThat(event.outcome()).isEqualTo("recovered");
            assertThat(event.grade()).isEqualTo(2);
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void staleVersionIsAConflictNamingTheOtherChange(String kind)
    {
        StudyDatabase database = database(kind);
        Opened opened = openedCase(database);
        AdverseEvents events = new AdverseEvents(database);
        long caseId = opened.summary().id();
        new Cases(database).save(opened.study().id(), caseId, opened.summary().version(), List.of(new ValueEdit("onset", "pao2", "65")), null, "alice",
                new CaseValueValidator(Protocols.builtIn(Protocols.SEED)));
        assertThatThrownBy(() -> events.add(opened.study().id(), caseId, opened.summary().version(), zoster("2", "no"), null, "bob"))
                .isInstanceOfSatisfying(ConflictException.class, conflict -> {
                    assertThat(conflict.getMessage()).contains("alice").contains("onset.pao2 '58' → '65'");
                    assertThat(conflict.otherChanges()).extracting(AuditEntry::username).containsExactly("alice");
                });
        AdverseEvents.Saved added = events.add(opened.study().id(), caseId, opened.summary().version() + 1, zoster("2", "no"), null, "alice");
        assertThatThrownBy(() -> events.update(opened.study().id(), caseId, added.eventId(), opened.summary().version() + 1, zoster("3", "no"), null, "bob"))
                .isInstanceOfSatisfying(ConflictException.class, conflict ->
                        assertThat(conflict.getMessage()).contains("adverse_event." + added.eventId() + ".term '' → 'herpes zoster'"));
        assertThat(events.list(caseId)).extracting(StoredAdverseEvent::grade).containsExactly(2);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void lockedCaseChangesItsAdverseEventsOnlyWithAReason(String kind)
    {
        StudyDatabase database = database(kind);
        Opened opened = openedCase(database);
        AdverseEvents events = new AdverseEvents(database);
        long caseId = opened.summary().id();
        int locked = new Cases(database).setLocked(opened.study().id(), caseId, opened.summary().version(), true, null, "alice");
        assertThatThrownBy(() -> events.add(opened.study().id(), caseId, locked, zoster("2", "no"), "  ", "alice"))
                .isInstanceOf(CasebookException.class)
                .hasMessageContaining("locked").hasMessageContaining("reason");
        assertThat(events.list(caseId)).isEmpty();
        events.add(opened.study().id(), caseId, locked, zoster("2", "no"), "found in the clinic letter", "alice");
        assertThat(new Cases(database).history(caseId)).last().satisfies(entry -> {
            assertThat(entry.field()).endsWith(".action");
            assertThat(entry.reason()).isEqualTo("found in the clinic letter");
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void importedEventIsAuditedAndItsEditShowsTheImportedValueAsOld(String kind)
    {
        StudyDatabase database = database(kind);
        Study study = new Studies(database).create("study " + System.nanoTime(), Protocols.SEED, 30, "admin");
        org.casebook.casedata.CaseWorkbook twoPatients = Fixtures.twoPatients();
        AdverseEvent imported = new AdverseEvent("P1", "herpes zoster", java.time.LocalDate.parse("2024-02-20"), 2, false, "jaki", null,
                new org.casebook.casedata.SourceRef("adverse_events.csv row 1"));
        new CaseImport(database).importWorkbook(study.id(), new org.casebook.casedata.CaseWorkbook(twoPatients.cases(), twoPatients.measurements(),
                twoPatients.ctStudies(), twoPatients.ichikadoReads(), List.of(), List.of(imported)), "alice");
        CaseSummary summary = new Cases(database).list(study.id()).get(0);
        AdverseEvents events = new AdverseEvents(database);
        long eventId = events.list(summary.id()).get(0).id();
        String prefix = "adverse_event." + eventId + ".";
        assertThat(new Cases(database).history(summary.id())).filteredOn(entry -> entry.field().startsWith(prefix))
                .extracting(AuditEntry::field, AuditEntry::newValue, AuditEntry::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(prefix + "term", "herpes zoster", "import from adverse_events.csv row 1"),
                        org.assertj.core.groups.Tuple.tuple(prefix + "onset_date", "2024-02-20", "import from adverse_events.csv row 1"),
                        org.assertj.core.groups.Tuple.tuple(prefix + "grade", "2", "import from adverse_events.csv row 1"),
                        org.assertj.core.groups.Tuple.tuple(prefix + "serious", "no", "import from adverse_events.csv row 1"),
                        org.assertj.core.groups.Tuple.tuple(prefix + "related_to", "jaki", "import from adverse_events.csv row 1"));
        int edited = events.update(study.id(), summary.id(), eventId, summary.version(), zoster("3", "yes"), null, "bob");
        assertThat(new Cases(database).history(summary.id())).filteredOn(entry -> entry.version() == edited)
                .extracting(AuditEntry::field, AuditEntry::oldValue, AuditEntry::newValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(prefix + "grade", "2", "3"),
                        org.assertj.core.groups.Tuple.tuple(prefix + "serious", "no", "yes"),
                        org.assertj.core.groups.Tuple.tuple(prefix + "action", null, "drug interrupted"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void editedEventsAreWhatTheAnalysisReads(String kind)
    {
        StudyDatabase database = database(kind);
        Opened opened = openedCase(database);
        new AdverseEvents(database).add(opened.study().id(), opened.summary().id(), opened.summary().version(), zoster("4", "yes"), null, "alice");
        List<AdverseEvent> read = new StudyWorkbooks(database).load(opened.study().id()).adverseEvents();
        assertThat(read).singleElement().satisfies(event -> {
            assertThat(event.patientId()).isEqualTo(opened.summary().patientId());
            assertThat(event.grade()).isEqualTo(4);
            assertThat(event.serious()).isTrue();
            assertThat(event.onsetDate()).hasToString("2024-02-20");
        });
    }
}
