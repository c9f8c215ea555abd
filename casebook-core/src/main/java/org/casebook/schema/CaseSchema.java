package org.casebook.schema;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The study's data shape, owned by the protocol: the case fields in sheet order, the date field
 * that is day 0 (and its fallback when blank), and the derived values. Workbook, screening
 * output, store, web form and report all take the shape from here.
 *
 * @param dayZeroField the date field holding day 0
 * @param dayZeroFallback the date field used when {@code dayZeroField} is blank; null when there is none
 * @param adverseEvents the levels of an adverse event's {@code related_to}
 */
public record CaseSchema(List<CaseField> fields, String dayZeroField, String dayZeroFallback, List<DerivedValue> derived, AdverseEventSchema adverseEvents)
{
    public static final String PATIENT_ID = "patient_id";

    public CaseSchema
    {
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
        requireNonNull(dayZeroField, "dayZeroField is null");
        derived = List.copyOf(requireNonNull(derived, "derived is null"));
        requireNonNull(adverseEvents, "adverseEvents is null");
    }

    /** A schema whose adverse events have the default {@code related_to} levels. */
    public CaseSchema(List<CaseField> fields, String dayZeroField, String dayZeroFallback, List<DerivedValue> derived)
    {
        this(fields, dayZeroField, dayZeroFallback, derived, AdverseEventSchema.DEFAULT);
    }

    public Optional<CaseField> findField(String name)
    {
        return fields.stream().filter(field -> field.name().equals(name)).findFirst();
    }

    /** The cases sheet's columns: patient_id, then the fields in order. */
    public List<String> columns()
    {
        List<String> columns = new java.util.ArrayList<>();
        columns.add(PATIENT_ID);
        fields.forEach(field -> columns.add(field.name()));
        return columns;
    }

    /** The date field that is always recorded and anchors the timeline: the fallback, else day 0's own field. */
    public String anchorField()
    {
        return dayZeroFallback != null ? dayZeroFallback : dayZeroField;
    }

    public Optional<DerivedValue> findDerived(String name)
    {
        return derived.stream().filter(value -> value.name().equals(name)).findFirst();
    }

    /**
     * Reads one case's cells (by field name; absent and blank are missing) with each field's
     * parser, then the rules between fields ({@code not_before}) and the derived day counts.
     */
    public CaseCheck check(Map<String, String> cells)
    {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        for (CaseField field : fields) {
            FieldCheck check = FieldParser.parse(field, cells.get(field.name()));
            if (check.isValid()) {
                if (check.value() != null) {
                    values.put(field.name(), check.value());
                }
            }
            else {
                problems.put(field.name(), check.problem());
            }
        }
        for (CaseField field : fields) {
            if (field.notBefore() != null && values.get(field.name()) instanceof LocalDate date
                    && values.get(field.notBefore()) instanceof LocalDate earliest && date.isBefore(earliest)) {
                CaseField other = findField(field.notBefore()).orElseThrow();
                problems.put(field.name(), field.label().toLowerCase(Locale.ROOT) + " is before the " + other.label().toLowerCase(Locale.ROOT) + " " + earliest);
                values.remove(field.name());
            }
        }
        for (DerivedValue value : derived) {
            if (value.kind() == DerivedValue.Kind.DAYS_BETWEEN && !cells.containsKey(value.name()) || value.kind() == DerivedValue.Kind.DAYS_BETWEEN && isBlank(cells.get(value.name()))) {
                if (values.get(value.from()) instanceof LocalDate from && values.get(value.to()) instanceof LocalDate to) {
                    values.put(value.name(), ChronoUnit.DAYS.between(from, to));
                }
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        fields.stream().filter(field -> problems.containsKey(field.name())).forEach(field -> ordered.put(field.name(), problems.get(field.name())));
        return new CaseCheck(values, ordered);
    }

    /** Day 0 of a case from its values: day 0's field, or its fallback when blank. */
    public LocalDate dayZero(Map<String, Object> values)
    {
        Object day = values.get(dayZeroField);
        if (day instanceof LocalDate date) {
            return date;
        }
        return dayZeroFallback == null ? null : (LocalDate) values.get(dayZeroFallback);
    }

    private static boolean isBlank(String text)
    {
        return text == null || text.isBlank();
    }
}
