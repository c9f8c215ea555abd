package org.casebook.store.screening;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.casebook.error.CasebookException;
import org.casebook.protocol.Protocols;
import org.casebook.store.AuditEntry;
import org.casebook.store.AuditTrail;
import org.casebook.store.ConflictException;
import org.casebook.store.Fixtures;
import org.casebook.store.NotFoundException;
import org.casebook.store.StudyDatabase;
import org.casebook.store.TestDatabases;
import org.casebook.store.cases.Cases;
import org.casebook.store.cases.ValidationException;
import org.casebook.store.study.Studies;
import org.casebook.store.study.Study;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.casebook.store.screening.AeChecklistTest.answers;
import static org.casebook.store.screening.Answer.NO;
import static org.casebook.store.screening.Answer.UNKNOWN;
import static org.casebook.store.screening.Answer.YES;

/** Screening import and review decisions, on SQLite and on PostgreSQL. */
class ScreeningStoreTest
{
    private static final Map<String, StudyDatabase> DATABASES = new ConcurrentHashMap<>();
    private static final Map<String, Answer> ALL_YES = answers(YES, YES, YES, YES);

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

    private static Study screenedStudy(StudyDatabase database, Screenings screenings)
    {
        Study study = new Studies(database).create("study " + System.nanoTime(), Protocols.SEED, 30, "admin");
        screenings.importOutput(study.id(), ScreeningOutput.parse(ScreeningOutputTest.log(), ScreeningOutputTest.FLOW), Optional.empty(), "alice");
        return study;
    }

    private static Screenings screenings(StudyDatabase database)
    {
        return new Screenings(database, AeChecklist.builtIn());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void importStoresFlowAndLogAndItsCasesInOneGo(String kind)
    {
        StudyDatabase database = database(kind);
        Screenings screenings = screenings(database);
        Study study = new Studies(database).create("study " + System.nanoTime(), Protocols.SEED, 30, "admin");
        Screenings.ImportSummary summary = screenings.importOutput(study.id(), ScreeningOutput.parse(ScreeningOutputTest.log(), ScreeningOutputTest.FLOW),
                Optional.of(Fixtures.twoPatients()), "alice");
        assertThat(summary).isEqualTo(new Screenings.ImportSummary(3, 2, 2, 0, 0, 0));
        Screening screening = screenings.find(study.id()).orElseThrow();
        assertThat(screening.flowJson()).contains("\"patients_in_extract\":300");
        assertThat(screening.importedBy()).isEqualTo("alice");
        assertThat(screening.log()).extracting(LogRow::patientId, LogRow::status, LogRow::day0)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("P1", "included", "2024-01-11"),
                        org.assertj.core.groups.Tuple.tuple("P2", "included", "2024-01-12"),
                        org.assertj.core.groups.Tuple.tuple("X3", "excluded", null));
        assertThat(new Cases(database).list(study.id())).extracting(c -> c.patientId()).containsExactly("P1", "P2");
        assertThat(new AuditTrail(database).forStudy(study.id())).extracting(AuditEntry::field).contains("import", "screening import");

        Screenings.ImportSummary again = screenings.importOutput(study.id(), ScreeningOutput.parse(ScreeningOutputTest.log(), ScreeningOutputTest.FLOW),
                Optional.of(Fixtures.twoPatients()), "alice");
        assertThat(again.casesImported()).isZero();
        assertThat(again.casesAlreadyInStudy()).as("cases already in the study are left as they are").isEqualTo(2);
        assertThat(screenings.find(study.id()).orElseThrow().log()).hasSize(3);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void importFailingHalfwayStoresNeitherCasesNorLog(String kind)
    {
        StudyDatabase database = database(kind);
        Screenings screenings = screenings(database);
        Study study = new Studies(database).create("study " + System.nanoTime(), Protocols.SEED, 30, "admin");
        // a row parse() would refuse, so that the database refuses it after the cases were written
        ScreeningOutput broken = new ScreeningOutput(ScreeningOutputTest.FLOW,
                List.of(new LogRow(2, 1, "P1", "included", "2024-01-11", "enc-1", null, null, null), new LogRow(3, null, "P2", "maybe", null, null, null, null, null)));
        assertThatThrownBy(() -> screenings.importOutput(study.id(), broken, Optional.of(Fixtures.twoPatients()), "alice"))
                .isInstanceOf(RuntimeException.class);
        assertThat(screenings.find(study.id())).isEmpty();
        assertThat(new Cases(database).list(study.id())).isEmpty();
        assertThat(new AuditTrail(database).forStudy(study.id())).extracting(AuditEntry::field).containsExactly("created");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void reimportReplacesTheLogAndKeepsDecisionsByPatient(String kind)
    {
        StudyDatabase database = database(kind);
        Screenings screenings = screenings(database);
        Study study = screenedStudy(database, screenings);
        screenings.review(study.id(), "P1", new ReviewRequest(0, ReviewDecision.CONFIRMED, ALL_YES, "typical AE"), "alice");
        screenings.review(study.id(), "P2", new ReviewRequest(0, ReviewDecision.REJECTED, answers(YES, YES, YES, NO), "heart failure"), "alice");
        String newLog = ScreeningOutputTest.HEADER + "1,P1,included,2024-01-11,enc-1,,,\n,P2,excluded,,,jak_inhibitor,,\n2,P9,included,2024-02-01,enc-9,,,\n";
        Screenings.ImportSummary summary = screenings.importOutput(study.id(), ScreeningOutput.parse(newLog, ScreeningOutputTest.FLOW), Optional.empty(), "bob");
        assertThat(summary.reviewsKept()).isEqualTo(1);
        assertThat(summary.reviewsOfPatientsNotIncluded()).isEqualTo(1);
        Screening screening = screenings.find(study.id()).orElseThrow();
        assertThat(screening.log()).extracting(LogRow::patientId).containsExactly("P1", "P2", "P9");
        assertThat(screening.findReview("P1").orElseThrow().decision()).isEqualTo(ReviewDecision.CONFIRMED);
        assertThat(screening.findReview("P9")).isEmpty();
        assertThat(screening.reviewsOfPatientsNotIncluded()).extracting(Review::patientId).containsExactly("P2");
        assertThatThrownBy(() -> screenings.review(study.id(), "P2", new ReviewRequest(1, ReviewDecision.CONFIRMED, ALL_YES, "now included?"), "bob"))
                .isInstanceOf(CasebookException.class).hasMessageContaining("excluded by screening (jak_inhibitor)");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void decisionIsStoredWithItsAnswersAndEveryFieldGoesToTheAuditTrail(String kind)
    {
        StudyDatabase database = database(kind);
        Screenings screenings = screenings(database);
        Study study = screenedStudy(database, screenings);
        Review first = screenings.review(study.id(), "P1", new ReviewRequest(0, ReviewDecision.SUSPECTED, answers(YES, YES, UNKNOWN, YES), "no CT during the stay"), "alice");
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.decision()).isEqualTo(ReviewDecision.SUSPECTED);
        assertThat(first.answers()).containsEntry("new_bilateral_opacities", UNKNOWN).hasSize(4);
        assertThat(first.reviewer()).isEqualTo("alice");
        assertThat(first.checklist()).isEqualTo("collard-2016-ra-ild");

        Review second = screenings.review(study.id(), "P1", new ReviewRequest(1, ReviewDecision.CONFIRMED, ALL_YES, "outside CT found"), "bob");
        assertThat(second.version()).isEqualTo(2);
        List<AuditEntry> history = screenings.history(study.id(), "P1");
        assertThat(history).extracting(AuditEntry::describe).containsExactly(
                history.get(0).username() + " at " + history.get(0).at() + ": decision '' → 'suspected' (reason: no CT during the stay)",
                history.get(1).username() + " at " + history.get(1).at() + ": checklist.ra_ild '' → 'yes' (reason: no CT during the stay)",
                history.get(2).username() + " at " + history.get(2).at() + ": checklist.acute_worsening '' → 'yes' (reason: no CT during the stay)",
                history.get(3).username() + " at " + history.get(3).at() + ": checklist.new_bilateral_opacities '' → 'unknown' (reason: no CT during the stay)",
                history.get(4).username() + " at " + history.get(4).at() + ": checklist.not_cardiac_or_fluid '' → 'yes' (reason: no CT during the stay)",
                history.get(5).username() + " at " + history.get(5).at() + ": decision 'suspected' → 'confirmed' (reason: outside CT found)",
                history.get(6).username() + " at " + history.get(6).at() + ": checklist.new_bilateral_opacities 'unknown' → 'yes' (reason: outside CT found)");
        assertThat(history).extracting(AuditEntry::username).containsExactly("alice", "alice", "alice", "alice", "alice", "bob", "bob");
        assertThat(history).extracting(AuditEntry::version).containsExactly(1, 1, 1, 1, 1, 2, 2);
        assertThat(history).allSatisfy(entry -> assertThat(entry.studyId()).isEqualTo(study.id()));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void staleDecisionIsAConflictShowingTheOtherDecision(String kind)
    {
        StudyDatabase database = database(kind);
        Screenings screenings = screenings(database);
        Study study = screenedStudy(database, screenings);
        screenings.review(study.id(), "P2", new ReviewRequest(0, ReviewDecision.REJECTED, answers(YES, NO, YES, YES), "chronic progression"), "alice");
        assertThatThrownBy(() -> screenings.review(study.id(), "P2", new ReviewRequest(0, ReviewDecision.CONFIRMED, ALL_YES, "fits"), "bob"))
                .isInstanceOfSatisfying(ConflictException.class, conflict -> {
                    assertThat(conflict.currentVersion()).isEqualTo(1);
                    assertThat(conflict.getMessage()).contains("the decision on patient P2").contains("alice").contains("decision '' → 'rejected'")
                            .contains("chronic progression");
                });
        assertThat(screenings.find(study.id()).orElseThrow().findReview("P2").orElseThrow())
                .satisfies(review -> {
                    assertThat(review.decision()).isEqualTo(ReviewDecision.REJECTED);
                    assertThat(review.reviewer()).isEqualTo("alice");
                    assertThat(review.version()).isEqualTo(1);
                });
        assertThatThrownBy(() -> screenings.review(study.id(), "P1", new ReviewRequest(3, ReviewDecision.CONFIRMED, ALL_YES, "fits"), "bob"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("your version 3, now 0");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void badDecisionsAreRefusedAndNothingIsStored(String kind)
    {
        StudyDatabase database = database(kind);
        Screenings screenings = screenings(database);
        Study study = screenedStudy(database, screenings);
        int auditBefore = new AuditTrail(database).forStudy(study.id()).size();
        assertThatThrownBy(() -> screenings.review(study.id(), "P1", new ReviewRequest(0, ReviewDecision.REJECTED, answers(YES, NO, YES, YES), " "), "alice"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("reason"));
        assertThatThrownBy(() -> screenings.review(study.id(), "P1", new ReviewRequest(0, ReviewDecision.CONFIRMED, answers(YES, YES, NO, YES), "looks like AE"), "alice"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("decision"));
        assertThatThrownBy(() -> screenings.review(study.id(), "NOBODY", new ReviewRequest(0, ReviewDecision.CONFIRMED, ALL_YES, "fits"), "alice"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("patient NOBODY");
        assertThatThrownBy(() -> screenings.review(study.id(), "X3", new ReviewRequest(0, ReviewDecision.REJECTED, answers(NO, YES, YES, YES), "no RA"), "alice"))
                .isInstanceOf(CasebookException.class).hasMessageContaining("X3 was excluded by screening (ra)");
        assertThat(screenings.find(study.id()).orElseThrow().reviews()).isEmpty();
        assertThat(new AuditTrail(database).forStudy(study.id())).hasSize(auditBefore);
    }
}
