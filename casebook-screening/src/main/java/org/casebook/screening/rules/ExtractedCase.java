package org.casebook.screening.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.casebook.screening.fhir.RecordRef;

import static java.util.Objects.requireNonNull;

/**
 * The values taken from one included patient's records, each with the records it came from: the
 * rows of the case workbook ({@code cases}, {@code measurements}, {@code ct_studies}) and of
 * {@code provenance.csv}.
 */
public record ExtractedCase(String patientId, LocalDate dayZero, List<Field> fields, List<Measurement> measurements, List<CtStudy> ctStudies)
{
    public ExtractedCase
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(dayZero, "dayZero is null");
        fields = List.copyOf(fields);
        measurements = List.copyOf(measurements);
        ctStudies = List.copyOf(ctStudies);
    }

    /** A column of the {@code cases} sheet, named as in the workbook layout. */
    public record Field(String name, String value, List<RecordRef> sources)
    {
        public Field
        {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
            sources = List.copyOf(sources);
        }
    }

    /** A row of the {@code measurements} sheet. */
    public record Measurement(String timepoint, String variable, BigDecimal value, String unit, LocalDate date, List<RecordRef> sources)
    {
        public Measurement
        {
            sources = List.copyOf(sources);
        }
    }

    /** A row of the {@code ct_studies} sheet. */
    public record CtStudy(String timepoint, LocalDate date, String studyId, RecordRef source) {}

    public Optional<String> field(String name)
    {
        return fields.stream().filter(field -> field.name().equals(name)).map(Field::value).findFirst();
    }

    public Optional<Measurement> measurement(String timepoint, String variable)
    {
        return measurements.stream().filter(m -> m.timepoint().equals(timepoint) && m.variable().equals(variable)).findFirst();
    }

    public Optional<CtStudy> ctStudy(String timepoint)
    {
        return ctStudies.stream().filter(study -> study.timepoint().equals(timepoint)).findFirst();
    }
}
