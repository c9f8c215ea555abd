package org.casebook.screening.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.casebook.codeset.CodeSet;
import org.casebook.codeset.CodeSetMatch;
import org.casebook.screening.facts.ConditionRecord;
import org.casebook.screening.facts.ImagingStudyRecord;
import org.casebook.screening.facts.MedicationUse;
import org.casebook.screening.facts.ObservationRecord;
import org.casebook.screening.facts.PatientFacts;
import org.casebook.screening.facts.PatientRecord;
import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.Quantity;
import org.casebook.screening.fhir.RecordRef;

import static java.util.Objects.requireNonNull;

/**
 * Takes an included patient's values from their records by the protocol's extraction rules: CT
 * studies per time point, P/F ratio, %FVC, the prior JAK inhibitor and why it was stopped, the
 * treatment, methylprednisolone pulse, home oxygen at discharge, death and last follow-up. A pure
 * function of one patient's facts and the index admission.
 */
public final class CaseExtractor
{
    private static final Set<String> VOID_STATUSES = Set.of("cancelled", "entered-in-error");
    private static final BigDecimal KPA_TO_MMHG = new BigDecimal("7.50062");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final ExtractionSpec spec;

    public CaseExtractor(ExtractionSpec spec)
    {
        this.spec = requireNonNull(spec, "spec is null");
    }

    /**
     * Whether an observation can give a value: its code is in one of the extraction's observation
     * code sets (P/F, PaO2, FiO2, %FVC). An engine may keep only these of a patient's observations
     * (the others still count for the last follow-up, which it records separately).
     */
    public boolean mayUse(ObservationRecord observation)
    {
        ExtractionSpec.PfRatio pf = spec.pfRatio();
        return ConceptMatcher.matches(pf.ratio(), observation.code()) || ConceptMatcher.matches(pf.pao2(), observation.code())
                || ConceptMatcher.matches(pf.fio2(), observation.code()) || ConceptMatcher.matches(spec.fvc().codeSet(), observation.code());
    }

    /** Whether a medication or device record can give a value (prior JAK inhibitor, treatment, pulse, home oxygen). */
    public boolean mayUse(MedicationUse use)
    {
        return ConceptMatcher.matches(spec.priorJakInhibitor().codeSet(), use.item()) || ConceptMatcher.matches(spec.treatment(), use.item())
                || ConceptMatcher.matches(spec.pulse().codeSet(), use.item()) || ConceptMatcher.matches(spec.homeOxygen().codeSet(), use.item());
    }

    /** Whether a condition can give a value (home oxygen). Encounters give none beyond the index admission itself. */
    public boolean mayUse(ConditionRecord condition)
    {
        return ConceptMatcher.matches(spec.homeOxygen().conditionCodeSet(), condition.code());
    }

    public ExtractedCase extract(PatientFacts facts, Admission admission)
    {
        LocalDate dayZero = admission.admissionDate();
        Optional<LocalDate> discharge = Optional.ofNullable(admission.dischargeDateOrNull());
        List<ExtractedCase.Field> fields = new ArrayList<>();
        RecordRef encounter = admission.encounter().source();
        fields.add(new ExtractedCase.Field("admission_date", dayZero.toString(), List.of(encounter)));
        if (admission.encounter().end() != null && admission.encounter().end().isDayPrecise()) {
            fields.add(new ExtractedCase.Field("discharge_date", admission.encounter().end().date().toString(), List.of(encounter)));
        }
        facts.patient().ifPresent(patient -> addDemographics(patient, dayZero, fields));
        addPriorJakInhibitor(facts, dayZero, fields);
        addTreatment(facts, admission, fields);
        addPulse(facts, admission, fields);
        addHomeOxygen(facts, discharge, fields);
        facts.patient().filter(patient -> patient.deceased() != null && patient.deceased().isDayPrecise())
                .ifPresent(patient -> fields.add(new ExtractedCase.Field("death_date", patient.deceased().date().toString(), List.of(patient.source()))));
        facts.latestRecord().filter(latest -> latest.date().isDayPrecise())
                .ifPresent(latest -> fields.add(new ExtractedCase.Field("last_followup_date", latest.date().date().toString(), List.of(latest.source()))));
        List<ExtractedCase.Measurement> measurements = new ArrayList<>();
        addPfRatio(facts, dayZero, discharge, measurements);
        addFvc(facts, dayZero, measurements);
        return new ExtractedCase(facts.patientId(), dayZero, fields, measurements, ctStudies(facts, dayZero));
    }

    private static void addDemographics(PatientRecord patient, LocalDate dayZero, List<ExtractedCase.Field> fields)
    {
        if (patient.birthDate() != null && patient.birthDate().isDayPrecise() && !patient.birthDate().date().isAfter(dayZero)) {
            int age = Period.between(patient.birthDate().date(), dayZero).getYears();
            fields.add(new ExtractedCase.Field("age", Integer.toString(age), List.of(patient.source())));
        }
        String sex = patient.gender() == null ? "" : switch (patient.gender()) {
            case "female" -> "F";
            case "male" -> "M";
            default -> "";
        };
        if (!sex.isEmpty()) {
            fields.add(new ExtractedCase.Field("sex", sex, List.of(patient.source())));
        }
    }

    // --- CT studies --------------------------------------------------------------------------

    private List<ExtractedCase.CtStudy> ctStudies(PatientFacts facts, LocalDate dayZero)
    {
        ExtractionSpec.Ct ct = spec.ct();
        List<ImagingStudyRecord> studies = facts.imagingStudies().stream()
                .filter(study -> study.status() == null || !VOID_STATUSES.contains(study.status()))
                .filter(study -> study.modalities().stream().anyMatch(ct.modalities()::contains))
                .filter(study -> study.started() != null && study.started().isDayPrecise())
                .toList();
        Comparator<ImagingStudyRecord> inTime = Comparator.comparing(ImagingStudyRecord::started, FhirDate.ORDER).thenComparing(study -> study.source().id());
        Optional<ImagingStudyRecord> onset = studies.stream()
                .filter(study -> ct.onset().contains(study.started(), dayZero, Optional.empty()))
                .min(Comparator.comparing((ImagingStudyRecord study) -> Math.abs(study.started().dayIn(dayZero).orElseThrow())).thenComparing(inTime));
        Optional<ImagingStudyRecord> before = studies.stream()
                .filter(study -> ct.before().contains(study.started(), dayZero, Optional.empty()))
                .filter(study -> onset.map(chosen -> chosen != study).orElse(true))
                .max(inTime);
        Optional<ImagingStudyRecord> after = studies.stream()
                .filter(study -> ct.after().contains(study.started(), dayZero, Optional.empty()))
                .min(inTime);
        List<ExtractedCase.CtStudy> result = new ArrayList<>();
        before.ifPresent(study -> result.add(ctStudy(ct.before().timepoint(), study)));
        onset.ifPresent(study -> result.add(ctStudy(ct.onset().timepoint(), study)));
        after.ifPresent(study -> result.add(ctStudy(ct.after().timepoint(), study)));
        return result;
    }

    private static ExtractedCase.CtStudy ctStudy(String timepoint, ImagingStudyRecord study)
    {
        return new ExtractedCase.CtStudy(timepoint, study.started().date(), study.source().id(), study.source());
    }

    // --- P/F ratio and %FVC --------------------------------------------------------------------

    private record PfPoint(BigDecimal value, FhirDate time, List<RecordRef> sources) {}

    private void addPfRatio(PatientFacts facts, LocalDate dayZero, Optional<LocalDate> discharge, List<ExtractedCase.Measurement> out)
    {
        ExtractionSpec.PfRatio pf = spec.pfRatio();
        List<ObservationRecord> usable = usableObservations(facts);
        List<PfPoint> points = new ArrayList<>();
        for (ObservationRecord observation : usable) {
            if (ConceptMatcher.matches(pf.ratio(), observation.code())) {
                points.add(new PfPoint(observation.value().value(), observation.effective(), List.of(observation.source())));
            }
        }
        List<ObservationRecord> fio2s = usable.stream().filter(observation -> ConceptMatcher.matches(pf.fio2(), observation.code())).toList();
        for (ObservationRecord pao2 : usable) {
            if (ConceptMatcher.matches(pf.pao2(), pao2.code())) {
                computedRatio(pao2, fio2s, pf.maxMinutesApart()).ifPresent(points::add);
            }
        }
        Comparator<PfPoint> inTime = Comparator.comparing(PfPoint::time, FhirDate.ORDER).thenComparing(point -> point.sources().get(0).id());
        points.stream().filter(point -> pf.onset().contains(point.time(), dayZero, discharge))
                .min(Comparator.comparing(PfPoint::value).thenComparing(inTime))
                .ifPresent(point -> out.add(pfMeasurement(pf.onset().timepoint(), point)));
        points.stream().filter(point -> pf.after().contains(point.time(), dayZero, discharge))
                .max(inTime)
                .ifPresent(point -> out.add(pfMeasurement(pf.after().timepoint(), point)));
    }

    private static ExtractedCase.Measurement pfMeasurement(String timepoint, PfPoint point)
    {
        return new ExtractedCase.Measurement(timepoint, "pf_ratio", point.value().setScale(1, RoundingMode.HALF_UP), "mmHg", point.time().date(), point.sources());
    }

    private static Optional<PfPoint> computedRatio(ObservationRecord pao2, List<ObservationRecord> fio2s, int maxMinutes)
    {
        Optional<BigDecimal> mmHg = switch (pao2.value().unitKey()) {
            case "mm[Hg]", "mmHg", "mm Hg" -> Optional.of(pao2.value().value());
            case "kPa" -> Optional.of(pao2.value().value().multiply(KPA_TO_MMHG));
            default -> Optional.empty();
        };
        if (mmHg.isEmpty() || pao2.effective() == null) {
            return Optional.empty();
        }
        Optional<ObservationRecord> nearest = fio2s.stream()
                .filter(fio2 -> fio2.effective() != null && fio2Fraction(fio2.value()).isPresent())
                .filter(fio2 -> pao2.effective().minutesTo(fio2.effective()).map(minutes -> minutes <= maxMinutes).orElse(false))
                .min(Comparator.comparing((ObservationRecord fio2) -> pao2.effective().minutesTo(fio2.effective()).orElseThrow())
                        .thenComparing(ObservationRecord::effective, FhirDate.ORDER)
                        .thenComparing(fio2 -> fio2.source().id()));
        return nearest.map(fio2 -> new PfPoint(
                mmHg.get().divide(fio2Fraction(fio2.value()).orElseThrow(), 10, RoundingMode.HALF_UP),
                pao2.effective(),
                List.of(pao2.source(), fio2.source())));
    }

    private static Optional<BigDecimal> fio2Fraction(Quantity quantity)
    {
        Optional<BigDecimal> fraction = switch (quantity.unitKey()) {
            case "%" -> Optional.of(quantity.value().divide(HUNDRED));
            case "", "1" -> Optional.of(quantity.value());
            default -> Optional.empty();
        };
        return fraction.filter(value -> value.signum() > 0);
    }

    private void addFvc(PatientFacts facts, LocalDate dayZero, List<ExtractedCase.Measurement> out)
    {
        ExtractionSpec.Fvc fvc = spec.fvc();
        List<ObservationRecord> values = usableObservations(facts).stream()
                .filter(observation -> ConceptMatcher.matches(fvc.codeSet(), observation.code()))
                .toList();
        Comparator<ObservationRecord> inTime = Comparator.comparing(ObservationRecord::effective, FhirDate.ORDER).thenComparing(observation -> observation.source().id());
        values.stream().filter(observation -> fvc.before().contains(observation.effective(), dayZero, Optional.empty())).max(inTime)
                .ifPresent(observation -> out.add(fvcMeasurement(fvc.before().timepoint(), observation)));
        values.stream().filter(observation -> fvc.after().contains(observation.effective(), dayZero, Optional.empty())).min(inTime)
                .ifPresent(observation -> out.add(fvcMeasurement(fvc.after().timepoint(), observation)));
    }

    private static ExtractedCase.Measurement fvcMeasurement(String timepoint, ObservationRecord observation)
    {
        return new ExtractedCase.Measurement(timepoint, "fvc_percent_predicted", observation.value().value(), "%", observation.effective().date(), List.of(observation.source()));
    }

    private static List<ObservationRecord> usableObservations(PatientFacts facts)
    {
        return facts.observations().stream()
                .filter(observation -> observation.status() == null || !VOID_STATUSES.contains(observation.status()))
                .filter(observation -> observation.value() != null && observation.effective() != null && observation.effective().isDayPrecise())
                .toList();
    }

    // --- drugs ---------------------------------------------------------------------------------

    private void addPriorJakInhibitor(PatientFacts facts, LocalDate dayZero, List<ExtractedCase.Field> fields)
    {
        ExtractionSpec.PriorJakInhibitor prior = spec.priorJakInhibitor();
        Optional<MedicationUse> latest = facts.medications().stream()
                .filter(use -> use.kind() == MedicationUse.Kind.REQUEST || use.kind() == MedicationUse.Kind.STATEMENT)
                .filter(spec.recordRules()::counts)
                .filter(use -> use.status() != null && prior.statuses().contains(use.status()))
                .filter(use -> prior.window().contains(use.end(), dayZero, Optional.empty()))
                .filter(use -> ConceptMatcher.matches(prior.codeSet(), use.item()))
                .max(Comparator.comparing(MedicationUse::end, FhirDate.ORDER).thenComparing(MedicationUse::id));
        if (latest.isEmpty()) {
            return;
        }
        MedicationUse use = latest.get();
        List<RecordRef> source = List.of(use.source());
        fields.add(new ExtractedCase.Field("prior_jaki", agent(prior.codeSet(), use.item()), source));
        fields.add(new ExtractedCase.Field("prior_jaki_stop_date", use.end().date().toString(), source));
        boolean adverse = use.statusReasons().stream().anyMatch(reason -> ConceptMatcher.matches(prior.adverseEventReasons(), reason));
        String reason = adverse ? "adverse event" : use.statusReasons().stream().map(CaseExtractor::describe).filter(text -> !text.isEmpty()).findFirst().orElse("");
        if (!reason.isEmpty()) {
            fields.add(new ExtractedCase.Field("prior_jaki_stop_reason", reason, source));
        }
    }

    private void addTreatment(PatientFacts facts, Admission admission, List<ExtractedCase.Field> fields)
    {
        MedicationCriterion treatment = new MedicationCriterion("treatment", spec.treatment(), spec.recordRules());
        treatment.startedDuring(facts, admission).findFirst().ifPresent(use -> {
            List<RecordRef> source = List.of(use.source());
            fields.add(new ExtractedCase.Field("jaki_agent", agent(spec.treatment(), use.item()), source));
            use.doses().stream().map(Quantity::milligrams).flatMap(Optional::stream).findFirst()
                    .ifPresent(dose -> fields.add(new ExtractedCase.Field("jaki_dose_mg", dose.stripTrailingZeros().toPlainString(), source)));
            fields.add(new ExtractedCase.Field("jaki_start_date", use.start().date().toString(), source));
        });
    }

    private void addPulse(PatientFacts facts, Admission admission, List<ExtractedCase.Field> fields)
    {
        ExtractionSpec.Pulse pulse = spec.pulse();
        MedicationCriterion drug = new MedicationCriterion("pulse", pulse.codeSet(), spec.recordRules());
        Optional<MedicationUse> first = drug.startedDuring(facts, admission)
                .filter(use -> use.doses().stream().map(Quantity::milligrams).flatMap(Optional::stream).anyMatch(mg -> mg.compareTo(pulse.minSingleDoseMg()) >= 0))
                .findFirst();
        if (first.isPresent()) {
            List<RecordRef> source = List.of(first.get().source());
            fields.add(new ExtractedCase.Field("mpsl_pulse", "yes", source));
            fields.add(new ExtractedCase.Field("mpsl_pulse_start_date", first.get().start().date().toString(), source));
        }
        else {
            fields.add(new ExtractedCase.Field("mpsl_pulse", "no", List.of()));
        }
    }

    private void addHomeOxygen(PatientFacts facts, Optional<LocalDate> discharge, List<ExtractedCase.Field> fields)
    {
        if (discharge.isEmpty()) {
            return;
        }
        ExtractionSpec.HomeOxygen oxygen = spec.homeOxygen();
        LocalDate from = discharge.get().minusDays(oxygen.daysAroundDischarge());
        LocalDate to = discharge.get().plusDays(oxygen.daysAroundDischarge());
        Stream<RecordRef> requests = facts.medications().stream()
                .filter(use -> use.kind() == MedicationUse.Kind.REQUEST || use.kind() == MedicationUse.Kind.DEVICE_REQUEST)
                .filter(spec.recordRules()::counts)
                .filter(use -> use.start() != null && use.start().isWithin(from, to))
                .filter(use -> ConceptMatcher.matches(oxygen.codeSet(), use.item()))
                .sorted(MedicationCriterion.EARLIEST_START)
                .map(MedicationUse::source);
        Stream<RecordRef> conditions = facts.conditions().stream()
                .filter(spec.recordRules()::counts)
                .filter(condition -> condition.recorded() != null && condition.recorded().isWithin(from, to))
                .filter(condition -> ConceptMatcher.matches(oxygen.conditionCodeSet(), condition.code()))
                .sorted(Comparator.comparing(ConditionRecord::recorded, FhirDate.ORDER).thenComparing(ConditionRecord::id))
                .map(ConditionRecord::source);
        Optional<RecordRef> evidence = Stream.concat(requests, conditions).findFirst();
        fields.add(new ExtractedCase.Field("home_oxygen_at_discharge", evidence.isPresent() ? "yes" : "no", evidence.stream().toList()));
    }

    private static String agent(CodeSet codeSet, Concept item)
    {
        return ConceptMatcher.match(codeSet, item).map(CodeSetMatch::entry)
                .flatMap(entry -> entry.findAgent())
                .orElse(item.text() == null ? "" : item.text().toLowerCase(Locale.ROOT));
    }

    private static String describe(Concept concept)
    {
        if (concept.text() != null && !concept.text().isBlank()) {
            return concept.text().strip();
        }
        return concept.codings().stream()
                .map(coding -> coding.display() != null ? coding.display() : coding.code())
                .filter(text -> text != null && !text.isBlank())
                .findFirst().orElse("");
    }
}
