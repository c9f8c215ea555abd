package org.casebook.screening.generic;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.EligibilityCriterion;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.StudyWindow;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.generic.GenericDecision.Evidence;
import org.casebook.screening.generic.GenericDecision.Stay;
import org.casebook.screening.generic.RecordMatcher.Hit;
import org.casebook.screening.generic.RecordMatcher.Spec;

/**
 * The protocol's {@code eligibility} for any kind and timing, as a pure function of one
 * patient's facts (docs/screening.md, "Any protocol"): candidates of the index criterion in time
 * order, each judged by the further criteria in protocol order; included at the first meeting
 * every one, else excluded at the candidate that got furthest (the earliest on ties).
 */
public final class GenericRules
{
    /** Hits in the order a matched record is chosen: coded before text, then earliest. */
    static final Comparator<Hit> MATCHED_ORDER = Comparator.comparing(Hit::byText).thenComparing(Hit::record, GenericRecord.ORDER);
    /** Candidates of the index criterion: by their day, then type and id. */
    static final Comparator<Hit> CANDIDATE_ORDER = Comparator
            .comparing((Hit hit) -> hit.record().day(), FhirDate.ORDER)
            .thenComparing(hit -> hit.record().source().resourceType())
            .thenComparing(hit -> hit.record().source().id());

    private final StudyProtocol protocol;
    private final RecordMatcher matcher;
    private final List<EligibilityCriterion> criteria;
    private final Map<String, EligibilityCriterion> byId = new HashMap<>();
    private final Map<String, Spec> specs = new HashMap<>();

    public GenericRules(StudyProtocol protocol, RecordMatcher matcher)
    {
        this.protocol = protocol;
        this.matcher = matcher;
        this.criteria = protocol.eligibility();
        if (criteria.isEmpty() || !criteria.get(0).isIndexEvent()) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "protocol " + protocol.id() + ": screening needs an eligibility list whose first criterion is the index event (timing: study_window)");
        }
        for (EligibilityCriterion criterion : criteria) {
            byId.put(criterion.id(), criterion);
            Set<String> excludedStatuses = criterion.excludedStatuses().isEmpty()
                    ? RecordMatcher.DEFAULT_EXCLUDED_ENCOUNTER_STATUSES : Set.copyOf(criterion.excludedStatuses());
            specs.put(criterion.id(), new Spec(criterion.kind(), matcher.codeSet(criterion.codeSet()), criterion.filter(),
                    Set.copyOf(criterion.encounterClasses()), excludedStatuses));
        }
    }

    public List<String> criterionIds()
    {
        return criteria.stream().map(EligibilityCriterion::id).toList();
    }

    public RecordMatcher matcher()
    {
        return matcher;
    }

    public GenericDecision decide(GenericPatient patient)
    {
        List<Hit> candidates = candidates(patient);
        if (candidates.isEmpty()) {
            return GenericDecision.noIndexEvent(patient.patientId());
        }
        Judgement deciding = null;
        for (Hit candidate : candidates) {
            Judgement judgement = judge(patient, candidate);
            if (judgement.failed == null) {
                return judgement.decision(patient.patientId(), GenericDecision.Status.INCLUDED, dayZero(judgement));
            }
            if (deciding == null || judgement.met > deciding.met) {
                deciding = judgement;
            }
        }
        return deciding.decision(patient.patientId(), GenericDecision.Status.EXCLUDED, null);
    }

    /** The index criterion's hits that are a day in the study window; with first_record only the patient's first hit ever. */
    List<Hit> candidates(GenericPatient patient)
    {
        EligibilityCriterion index = criteria.get(0);
        List<Hit> hits = hits(patient, index);
        if (index.firstRecord()) {
            hits = hits.stream().min(Comparator.comparing(Hit::record, GenericRecord.ORDER)).stream().toList();
        }
        StudyWindow window = protocol.studyWindow();
        return hits.stream()
                .filter(hit -> hit.record().day() != null && hit.record().day().isWithin(window.start(), window.end()))
                .sorted(CANDIDATE_ORDER)
                .toList();
    }

    List<Hit> hits(GenericPatient patient, EligibilityCriterion criterion)
    {
        Spec spec = specs.get(criterion.id());
        List<Hit> hits = new ArrayList<>();
        for (GenericRecord record : patient.records()) {
            matcher.hit(patient, record, spec).ifPresent(hits::add);
        }
        return hits;
    }

    private LocalDate dayZero(Judgement judgement)
    {
        String criterion = protocol.dayZero().criterion();
        if (criterion == null) {
            return judgement.index.record().day().date();
        }
        Hit hit = judgement.matched.get(criterion);
        return hit == null || hit.record().day() == null ? judgement.index.record().day().date() : hit.record().day().date();
    }

    /** One candidate judged by every criterion in order (stopping at the first unmet). */
    private Judgement judge(GenericPatient patient, Hit candidate)
    {
        Judgement judgement = new Judgement(candidate, stay(candidate));
        judgement.evidence.add(Evidence.of(criteria.get(0).id(), candidate, candidate.byText(), patient));
        judgement.matched.put(criteria.get(0).id(), candidate);
        judgement.counts.put(criteria.get(0).id(), 1);
        Context context = new Context(patient, judgement);
        for (EligibilityCriterion criterion : criteria.subList(1, criteria.size())) {
            Result result = context.evaluate(criterion);
            judgement.counts.put(criterion.id(), result.hits.size());
            if (!result.met) {
                judgement.failed = criterion.id();
                if (criterion.exclusion()) {
                    judgement.evidence.add(Evidence.of(criterion.id(), result.hits.get(0), false, patient));
                }
                return judgement;
            }
            if (!criterion.exclusion()) {
                Hit matched = result.hits.get(0);
                judgement.matched.put(criterion.id(), matched);
                judgement.evidence.add(Evidence.of(criterion.id(), matched, matched.byText(), patient));
            }
            judgement.met++;
        }
        return judgement;
    }

    static Stay stay(Hit index)
    {
        LocalDate start = index.record().day().date();
        if (!index.record().kind().equals("encounter")) {
            return new Stay(start, start);
        }
        FhirDate end = index.record().end();
        return new Stay(start, end == null ? null : end.spanEnd());
    }

    private record Result(boolean met, List<Hit> hits) {}

    private static final class Judgement
    {
        final Hit index;
        final Stay stay;
        final List<Evidence> evidence = new ArrayList<>();
        final Map<String, Hit> matched = new LinkedHashMap<>();
        final Map<String, Integer> counts = new LinkedHashMap<>();
        String failed;
        int met;

        Judgement(Hit index, Stay stay)
        {
            this.index = index;
            this.stay = stay;
        }

        GenericDecision decision(String patientId, GenericDecision.Status status, LocalDate dayZero)
        {
            return new GenericDecision(patientId, status, index, stay, failed, met, evidence, matched, counts, dayZero);
        }
    }

    /** Evaluates criteria for one candidate, each at most once (a relative criterion needs its reference's matched record). */
    private final class Context
    {
        private final GenericPatient patient;
        private final Judgement judgement;
        private final Map<String, Result> results = new HashMap<>();

        Context(GenericPatient patient, Judgement judgement)
        {
            this.patient = patient;
            this.judgement = judgement;
        }

        Result evaluate(EligibilityCriterion criterion)
        {
            Result known = results.get(criterion.id());
            if (known != null) {
                return known;
            }
            Result result;
            if (criterion.isIndexEvent()) {
                result = new Result(true, List.of(judgement.index));
            }
            else {
                List<Hit> hits = new ArrayList<>();
                for (Hit hit : hits(patient, criterion)) {
                    if (inTime(criterion, hit.record())) {
                        hits.add(hit);
                    }
                }
                hits.sort(MATCHED_ORDER);
                boolean enough = hits.size() >= criterion.minCount();
                result = new Result(criterion.exclusion() != enough, hits);
            }
            results.put(criterion.id(), result);
            return result;
        }

        private boolean inTime(EligibilityCriterion criterion, GenericRecord record)
        {
            LocalDate index = judgement.index.record().day().date();
            FhirDate day = record.day();
            return switch (criterion.timing()) {
                case "during_admission" -> day != null && judgement.stay.contains(day.date());
                case "on_or_before_admission" -> record.dates().stream().anyMatch(date -> date.isWhollyOnOrBefore(index));
                case "window" -> day != null && criterion.window().contains(ChronoUnit.DAYS.between(index, day.date()));
                case "relative" -> {
                    Optional<LocalDate> anchor = anchor(criterion.relativeTo());
                    yield day != null && anchor.isPresent() && criterion.window().contains(ChronoUnit.DAYS.between(anchor.get(), day.date()));
                }
                default -> throw new IllegalStateException("timing " + criterion.timing());
            };
        }

        private Optional<LocalDate> anchor(String criterionId)
        {
            EligibilityCriterion reference = byId.get(criterionId);
            Result result = evaluate(reference);
            if (!result.met || reference.exclusion() || result.hits.isEmpty()) {
                return Optional.empty();
            }
            FhirDate day = result.hits.get(0).record().day();
            return day == null ? Optional.empty() : Optional.of(day.date());
        }
    }
}
