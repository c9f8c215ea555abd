package org.casebook.web.study;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.casebook.protocol.EligibilityCriterion;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.TimePoint;
import org.casebook.schema.CaseField;
import org.casebook.store.screening.EvidenceRecord;

import static java.util.Objects.requireNonNull;

/**
 * A screened patient's evidence as a person reads it: for each criterion met, the criterion in the
 * protocol's words, what kind of record met it (a diagnosis, a prescription, an admission), what
 * the record is (its code's display, its date, its value: {@code Acute respiratory failure with
 * hypoxia, 2024-05-12 08:00}; from the output's evidence.csv, never the code itself) and
 * what the record gave the case, each value under its label with its unit and time point
 * ({@code JAK inhibitor: baricitinib}, {@code JAK inhibitor dose: 4 mg/day}); never the raw
 * {@code MedicationRequest/pt0000295-mrq53} of the log.
 */
final class EvidenceViews
{
    /** One record on the page. */
    record EvidenceView(String criterion, String kind, String record, List<String> details)
    {
        EvidenceView
        {
            requireNonNull(criterion, "criterion is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(record, "record is null");
            details = List.copyOf(details);
        }

        /** The kind with what the record is, for one line: {@code a diagnosis: Rheumatoid arthritis, 2023-04-02}. */
        public String described()
        {
            return record.isEmpty() ? kind : kind + ": " + record;
        }
    }

    /** FHIR resource types and OMOP CDM tables, in words. */
    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("encounter", "an admission or visit"),
            Map.entry("condition", "a diagnosis"),
            Map.entry("medicationrequest", "a prescription"),
            Map.entry("medicationadministration", "a medication given"),
            Map.entry("medicationstatement", "a medication the patient reported taking"),
            Map.entry("observation", "a measurement or observation"),
            Map.entry("imagingstudy", "an imaging study"),
            Map.entry("procedure", "a procedure"),
            Map.entry("devicerequest", "a device or oxygen order"),
            Map.entry("patient", "the patient's record"),
            Map.entry("condition_occurrence", "a diagnosis"),
            Map.entry("drug_exposure", "a medication"),
            Map.entry("measurement", "a measurement"),
            Map.entry("visit_occurrence", "an admission or visit"),
            Map.entry("procedure_occurrence", "a procedure"),
            Map.entry("person", "the patient's record"));

    private EvidenceViews() {}

    static List<EvidenceView> of(StudyProtocol protocol, List<EvidenceRecord> records)
    {
        return records.stream().map(record -> new EvidenceView(criterion(protocol, record.criterion()), kind(record.resourceType()), what(record.facts()),
                record.values().stream().map(value -> detail(protocol, value)).toList())).toList();
    }

    /** The record's display, date and value with its unit, those it has; empty when the output did not say. */
    static String what(EvidenceRecord.Facts facts)
    {
        List<String> parts = new java.util.ArrayList<>();
        if (!facts.display().isEmpty()) {
            parts.add(facts.display());
        }
        if (!facts.date().isEmpty()) {
            parts.add(recordDate(facts.date()));
        }
        if (!facts.value().isEmpty()) {
            parts.add(facts.unit().isEmpty() ? facts.value() : facts.value() + " " + facts.unit());
        }
        return String.join(", ", parts);
    }

    /**
     * A record's date as the extract wrote it, to the minute and without its offset (the hospital's
     * clock time, as the record says it): {@code 2024-05-12T08:00:00+09:00} as {@code 2024-05-12 08:00}.
     */
    static String recordDate(String written)
    {
        if (written.length() >= 16 && written.charAt(10) == 'T') {
            return written.substring(0, 10) + " " + written.substring(11, 16);
        }
        return written;
    }

    private static String criterion(StudyProtocol protocol, String id)
    {
        return protocol.eligibility().stream().filter(criterion -> criterion.id().equals(id)).map(EligibilityCriterion::description)
                .filter(description -> description != null && !description.isBlank()).findFirst()
                .orElse(id.replace('_', ' '));
    }

    static String kind(String resourceType)
    {
        String known = KINDS.get(resourceType.toLowerCase(Locale.ROOT));
        return known != null ? known : "a record (" + resourceType.replace('_', ' ').toLowerCase(Locale.ROOT) + ")";
    }

    private static String detail(StudyProtocol protocol, EvidenceRecord.Value value)
    {
        String label;
        String unit;
        java.util.Optional<CaseField> field = protocol.caseSchema().findField(value.field());
        if (field.isPresent()) {
            label = field.get().label();
            unit = field.get().unit();
        }
        else {
            var variable = protocol.findVariable(value.field());
            label = variable.map(v -> v.label()).orElse(value.field().replace('_', ' '));
            unit = variable.map(v -> v.unit()).orElse(null);
        }
        String timepoint = value.timepoint().isEmpty() ? "" : " (" + protocol.timepoints().stream().filter(tp -> tp.name().equals(value.timepoint()))
                .map(TimePoint::label).findFirst().orElse(value.timepoint()) + ")";
        boolean unitShown = unit != null && !unit.isBlank() && !unit.equals("fraction");
        return label + timepoint + ": " + value.value() + (unitShown ? " " + unit : "");
    }
}
