package org.casebook.store.screening;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.error.CasebookException;
import org.casebook.store.AuditEntry;
import org.casebook.store.AuditTrail;
import org.casebook.store.ConflictException;
import org.casebook.store.NotFoundException;
import org.casebook.store.StudyDatabase;
import org.casebook.store.cases.CaseImport;
import org.casebook.store.cases.ValidationException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import static java.util.Objects.requireNonNull;

/**
 * A study's screening: the imported log and flow of {@code casebook screen}, and the
 * investigator's decision on each included patient against the {@link AeChecklist}.
 * <ul>
 * <li>An import is one transaction: the flow, the log and (optionally) the output's case
 * workbook for patients not yet cases of the study. A re-import replaces the flow and the log;
 * decisions are kept by patient id, also for patients no longer included (shown apart).</li>
 * <li>A decision names the version it was made on (0: none yet); a stale one is refused with
 * the other decision ({@link ConflictException}). Every decision writes the changed fields
 * ({@code decision}, {@code checklist.<item>}) to the audit trail with its reason, in the
 * same transaction.</li>
 * </ul>
 */
public final class Screenings
{
    public static final String ENTITY = "screening_review";

    private final StudyDatabase database;
    private final AuditTrail audit;
    private final CaseImport caseImport;
    private final AeChecklist checklist;

    public Screenings(StudyDatabase database, AeChecklist checklist)
    {
        this.database = requireNonNull(database, "database is null");
        this.checklist = requireNonNull(checklist, "checklist is null");
        this.audit = new AuditTrail(database);
        this.caseImport = new CaseImport(database);
    }

    public AeChecklist checklist()
    {
        return checklist;
    }

    /**
     * What an import stored: the log's patients, those included, the cases imported, the cases
     * skipped because the patient already was a case, and the decisions kept for included
     * patients and for patients not (or no longer) included.
     */
    public record ImportSummary(int patients, int included, int casesImported, int casesAlreadyInStudy, int reviewsKept,
            int reviewsOfPatientsNotIncluded) {}

    /**
     * Stores a screening output in the study, replacing an earlier one, with the output's cases
     * ({@code cases/}) when given: patients already cases of the study are left as they are.
     *
     * @throws CasebookException when the case workbook cannot be stored, e.g. it has CT reads of another
     *         scoring system than the study's (nothing is stored)
     */
    public ImportSummary importOutput(long studyId, ScreeningOutput output, Optional<CaseWorkbook> cases, String actor)
    {
        return importOutput(studyId, output, cases, ScreeningEvidence.build(output.rows(), null), actor);
    }

    /** As {@link #importOutput(long, ScreeningOutput, Optional, String)}, with the log's evidence as records ({@link ScreeningEvidence#build}). */
    public ImportSummary importOutput(long studyId, ScreeningOutput output, Optional<CaseWorkbook> cases, List<EvidenceRecord> evidence, String actor)
    {
        return database.inTransaction(handle -> {
            ScreeningEvidence.replace(handle, studyId, evidence);
            int casesImported = 0;
            int casesAlreadyInStudy = 0;
            if (cases.isPresent()) {
                Set<String> existing = new HashSet<>(handle.createQuery("SELECT patient_id FROM cases WHERE study_id = :s")
                        .bind("s", studyId).mapTo(String.class).list());
                CaseWorkbook newCases = withoutPatients(cases.get(), existing);
                casesAlreadyInStudy = cases.get().cases().size() - newCases.cases().size();
                if (!newCases.cases().isEmpty()) {
                    casesImported = caseImport.importWorkbook(handle, studyId, newCases, actor).cases();
                }
            }
            replaceLog(handle, studyId, output, actor);
            Set<String> included = new HashSet<>();
            output.rows().stream().filter(LogRow::included).forEach(row -> included.add(row.patientId()));
            List<String> reviewed = handle.createQuery("SELECT patient_id FROM screening_reviews WHERE study_id = :s")
                    .bind("s", studyId).mapTo(String.class).list();
            int kept = (int) reviewed.stream().filter(included::contains).count();
            ImportSummary summary = new ImportSummary(output.rows().size(), included.size(), casesImported, casesAlreadyInStudy, kept, reviewed.size() - kept);
            audit.append(handle, new AuditTrail.Change(actor, studyId, "study", studyId, null, "screening import", null,
                    summary.patients() + " patient(s), " + summary.included() + " included; " + casesImported + " case(s) imported; "
                            + kept + " decision(s) kept, " + summary.reviewsOfPatientsNotIncluded() + " on patients not included", null));
            return summary;
        });
    }

    private void replaceLog(Handle handle, long studyId, ScreeningOutput output, String actor)
    {
        handle.createUpdate("DELETE FROM screening_log WHERE study_id = :s").bind("s", studyId).execute();
        handle.createUpdate("DELETE FROM screenings WHERE study_id = :s").bind("s", studyId).execute();
        handle.createUpdate("INSERT INTO screenings (study_id, flow_json, imported_at, imported_by) VALUES (:s, :flow, :at, :by)")
                .bind("s", studyId).bind("flow", output.flowJson()).bind("at", now()).bind("by", actor)
                .execute();
        PreparedBatch batch = handle.prepareBatch("""
                INSERT INTO screening_log (study_id, patient_id, line, case_no, status, day0, encounter_id, reason, evidence, matched_by_text)
                VALUES (:s, :patientId, :line, :caseNo, :status, :day0, :encounterId, :reason, :evidence, :matchedByText)""");
        for (LogRow row : output.rows()) {
            batch.bind("s", studyId).bindMethods(row).add();
        }
        if (!output.rows().isEmpty()) {
            batch.execute();
        }
    }

    private static CaseWorkbook withoutPatients(CaseWorkbook workbook, Set<String> patients)
    {
        return new CaseWorkbook(
                workbook.cases().stream().filter(record -> !patients.contains(record.patientId())).toList(),
                workbook.measurements().stream().filter(measurement -> !patients.contains(measurement.patientId())).toList(),
                workbook.ctStudies().stream().filter(study -> !patients.contains(study.patientId())).toList(),
                workbook.ichikadoReads().stream().filter(read -> !patients.contains(read.scan().patientId())).toList(),
                workbook.kazerooniReads().stream().filter(read -> !patients.contains(read.scan().patientId())).toList(),
                workbook.adverseEvents().stream().filter(event -> !patients.contains(event.patientId())).toList());
    }

    /** The study's screening, if one was imported. */
    public Optional<Screening> find(long studyId)
    {
        return database.withHandle(handle -> handle.createQuery("SELECT flow_json, imported_at, imported_by FROM screenings WHERE study_id = :s")
                .bind("s", studyId)
                .map((rs, ctx) -> new Screening(rs.getString(1), rs.getString(2), rs.getString(3), log(handle, studyId), reviews(handle, studyId)))
                .findOne());
    }

    private static List<LogRow> log(Handle handle, long studyId)
    {
        return handle.createQuery(SELECT_LOG + " WHERE study_id = :s ORDER BY line")
                .bind("s", studyId)
                .map((rs, ctx) -> mapLogRow(rs))
                .list();
    }

    private static Optional<LogRow> findLogRow(Handle handle, long studyId, String patientId)
    {
        return handle.createQuery(SELECT_LOG + " WHERE study_id = :s AND patient_id = :p")
                .bind("s", studyId).bind("p", patientId)
                .map((rs, ctx) -> mapLogRow(rs))
                .findOne();
    }

    private static final String SELECT_LOG = "SELECT line, case_no, patient_id, status, day0, encounter_id, reason, evidence, matched_by_text FROM screening_log";

    private static LogRow mapLogRow(java.sql.ResultSet rs)
            throws java.sql.SQLException
    {
        int caseNo = rs.getInt(2);
        Integer caseNoOrNull = rs.wasNull() ? null : caseNo;
        return new LogRow(rs.getInt(1), caseNoOrNull, rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9));
    }

    private static Map<String, Review> reviews(Handle handle, long studyId)
    {
        Map<Long, Map<String, Answer>> answers = new HashMap<>();
        handle.createQuery("""
                        SELECT a.review_id, a.item, a.answer FROM screening_review_answers a
                        JOIN screening_reviews r ON r.id = a.review_id WHERE r.study_id = :s""")
                .bind("s", studyId)
                .map((rs, ctx) -> new StoredAnswer(rs.getLong(1), rs.getString(2), Answer.fromText(rs.getString(3)).orElseThrow()))
                .forEach(stored -> answers.computeIfAbsent(stored.reviewId(), id -> new LinkedHashMap<>()).put(stored.item(), stored.answer()));
        Map<String, Review> reviews = new LinkedHashMap<>();
        handle.createQuery(SELECT_REVIEW + " WHERE study_id = :s ORDER BY patient_id")
                .bind("s", studyId)
                .map((rs, ctx) -> mapReview(rs, answers.getOrDefault(rs.getLong(1), Map.of())))
                .forEach(review -> reviews.put(review.patientId(), review));
        return reviews;
    }

    private static Optional<Review> findReview(Handle handle, long studyId, String patientId)
    {
        return handle.createQuery(SELECT_REVIEW + " WHERE study_id = :s AND patient_id = :p")
                .bind("s", studyId).bind("p", patientId)
                .map((rs, ctx) -> mapReview(rs, answers(handle, rs.getLong(1))))
                .findOne();
    }

    private static Map<String, Answer> answers(Handle handle, long reviewId)
    {
        Map<String, Answer> answers = new LinkedHashMap<>();
        handle.createQuery("SELECT review_id, item, answer FROM screening_review_answers WHERE review_id = :r")
                .bind("r", reviewId)
                .map((rs, ctx) -> new StoredAnswer(rs.getLong(1), rs.getString(2), Answer.fromText(rs.getString(3)).orElseThrow()))
                .forEach(stored -> answers.put(stored.item(), stored.answer()));
        return answers;
    }

    private record StoredAnswer(long reviewId, String item, Answer answer) {}

    private static final String SELECT_REVIEW = "SELECT id, patient_id, version, checklist, decision, reason, reviewer, reviewed_at FROM screening_reviews";

    private static Review mapReview(java.sql.ResultSet rs, Map<String, Answer> answers)
            throws java.sql.SQLException
    {
        return new Review(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), ReviewDecision.fromText(rs.getString(5)).orElseThrow(),
                answers, rs.getString(6), rs.getString(7), rs.getString(8));
    }

    /**
     * Records a decision on an included patient, made on {@code request.version()} of the
     * patient's review (0 when there was none), after the checklist rules accepted it.
     *
     * @throws ValidationException when an item is unanswered, the reason is missing or the answers contradict the decision (nothing saved)
     * @throws NotFoundException when the patient is not in the study's screening log
     * @throws CasebookException when the patient was excluded by screening
     * @throws ConflictException when someone decided on the patient since {@code request.version()}
     */
    public Review review(long studyId, String patientId, ReviewRequest request, String actor)
    {
        Map<String, String> problems = checklist.problems(request.decision(), request.answers(), request.reason());
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return database.inTransaction(handle -> {
            LogRow row = findLogRow(handle, studyId, patientId)
                    .orElseThrow(() -> new NotFoundException("patient " + patientId + " in the screening log of study " + studyId));
            if (!row.included()) {
                throw CasebookException.badInput("patient %s was excluded by screening (%s): only included patients are reviewed", patientId, row.reason());
            }
            Optional<Review> before = claimVersion(handle, studyId, patientId, request, actor);
            long reviewId = before.map(Review::id).orElseGet(() -> findReview(handle, studyId, patientId).orElseThrow().id());
            handle.createUpdate("""
                            UPDATE screening_reviews SET checklist = :checklist, decision = :decision, reason = :reason, reviewer = :reviewer,
                            reviewed_at = :at WHERE id = :id""")
                    .bind("checklist", checklist.id()).bind("decision", request.decision().text()).bind("reason", request.reason().strip())
                    .bind("reviewer", actor).bind("at", now()).bind("id", reviewId)
                    .execute();
            handle.createUpdate("DELETE FROM screening_review_answers WHERE review_id = :r").bind("r", reviewId).execute();
            PreparedBatch answers = handle.prepareBatch("INSERT INTO screening_review_answers (review_id, item, answer) VALUES (:r, :item, :answer)");
            for (AeChecklist.Item item : checklist.items()) {
                answers.bind("r", reviewId).bind("item", item.id()).bind("answer", request.answers().get(item.id()).text()).add();
            }
            answers.execute();
            audit.appendAll(handle, changes(studyId, reviewId, request, before, actor));
            return findReview(handle, studyId, patientId).orElseThrow();
        });
    }

    /**
     * Moves the patient's review from {@code request.version()} to the next version, first thing
     * in the transaction (a first decision inserts version 1), and returns the review as it was.
     */
    private Optional<Review> claimVersion(Handle handle, long studyId, String patientId, ReviewRequest request, String actor)
    {
        Optional<Review> before;
        int claimed;
        if (request.version() == 0) {
            before = Optional.empty();
            claimed = handle.createUpdate("""
                            INSERT INTO screening_reviews (study_id, patient_id, version, checklist, decision, reason, reviewer, reviewed_at)
                            VALUES (:s, :p, 1, :checklist, :decision, :reason, :reviewer, :at) ON CONFLICT (study_id, patient_id) DO NOTHING""")
                    .bind("s", studyId).bind("p", patientId).bind("checklist", checklist.id()).bind("decision", request.decision().text())
                    .bind("reason", request.reason().strip()).bind("reviewer", actor).bind("at", now())
                    .execute();
        }
        else {
            claimed = handle.createUpdate("UPDATE screening_reviews SET version = version + 1 WHERE study_id = :s AND patient_id = :p AND version = :v")
                    .bind("s", studyId).bind("p", patientId).bind("v", request.version())
                    .execute();
            before = findReview(handle, studyId, patientId);
        }
        if (claimed == 0) {
            Optional<Review> current = findReview(handle, studyId, patientId);
            List<AuditEntry> others = current.map(review -> AuditTrail.forEntityAfter(handle, ENTITY, review.id(), request.version())).orElse(List.of());
            throw new ConflictException("the decision on patient " + patientId, request.version(), current.map(Review::version).orElse(0), others);
        }
        return before;
    }

    private List<AuditTrail.Change> changes(long studyId, long reviewId, ReviewRequest request, Optional<Review> before, String actor)
    {
        int version = request.version() + 1;
        String reason = request.reason().strip();
        List<AuditTrail.Change> changes = new ArrayList<>();
        String oldDecision = before.map(review -> review.decision().text()).orElse(null);
        if (!request.decision().text().equals(oldDecision)) {
            changes.add(new AuditTrail.Change(actor, studyId, ENTITY, reviewId, version, "decision", oldDecision, request.decision().text(), reason));
        }
        for (AeChecklist.Item item : checklist.items()) {
            String oldAnswer = before.map(review -> review.answers().get(item.id())).map(Answer::text).orElse(null);
            String newAnswer = request.answers().get(item.id()).text();
            if (!Objects.equals(oldAnswer, newAnswer)) {
                changes.add(new AuditTrail.Change(actor, studyId, ENTITY, reviewId, version, "checklist." + item.id(), oldAnswer, newAnswer, reason));
            }
        }
        if (changes.isEmpty()) {
            // the same decision and answers again, with a (new) reason: still traceable
            changes.add(new AuditTrail.Change(actor, studyId, ENTITY, reviewId, version, "decision", oldDecision, request.decision().text(), reason));
        }
        return changes;
    }

    /** The audit trail of the decision on one patient (empty when there is none). */
    public List<AuditEntry> history(long studyId, String patientId)
    {
        return database.withHandle(handle -> findReview(handle, studyId, patientId))
                .map(review -> audit.forEntity(ENTITY, review.id()))
                .orElse(List.of());
    }

    private String now()
    {
        return Instant.now(database.clock()).toString();
    }
}
