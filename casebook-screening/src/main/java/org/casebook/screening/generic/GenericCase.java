package org.casebook.screening.generic;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.casebook.screening.fhir.RecordRef;

import static java.util.Objects.requireNonNull;

/**
 * One included patient's extracted values: the case fields as cell text (the schema's parser has
 * accepted each), the variables per time point and the CT study of each time point, each with the
 * records it came from.
 */
public record GenericCase(String patientId, LocalDate dayZero, RecordRef index, Map<String, Value> fields, List<Measured> measurements, List<CtStudy> ctStudies)
        implements java.io.Serializable
{
    /** The CT study of a time point: the imaging study's date and the study itself. */
    public record CtStudy(String timepoint, LocalDate date, RecordRef source) implements java.io.Serializable
    {
        public CtStudy
        {
            requireNonNull(timepoint, "timepoint is null");
            requireNonNull(date, "date is null");
            requireNonNull(source, "source is null");
        }
    }

    /** A case without CT studies. */
    public GenericCase(String patientId, LocalDate dayZero, RecordRef index, Map<String, Value> fields, List<Measured> measurements)
    {
        this(patientId, dayZero, index, fields, measurements, List.of());
    }

    /** A case field's cell text and its source records. */
    public record Value(String text, List<RecordRef> sources) implements java.io.Serializable
    {
        public Value
        {
            requireNonNull(text, "text is null");
            sources = List.copyOf(sources);
        }
    }

    /** A variable at a time point, in the variable's canonical unit, dated at its (first) record. */
    public record Measured(String timepoint, String variable, BigDecimal value, String unit, LocalDate date, List<RecordRef> sources) implements java.io.Serializable
    {
        public Measured
        {
            sources = List.copyOf(sources);
        }
    }

    public GenericCase
    {
        requireNonNull(patientId, "patientId is null");
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        measurements = List.copyOf(measurements);
        ctStudies = List.copyOf(ctStudies);
    }
}
