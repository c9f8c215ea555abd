package org.casebook.workbook;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.casebook.casedata.Measurement;
import org.casebook.casedata.SourceRef;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.VariableSpec;
import org.casebook.schema.DerivedValue;

/**
 * Completes the protocol's derived ratios (the seed's P/F = PaO2 / FiO2): for each patient and
 * time point with the numerator and denominator but no ratio, adds numerator / denominator
 * (canonical units, dated like the numerator); a given ratio more than 5% away from the computed
 * one is a warning.
 */
final class PfRatioDeriver
{
    static final double TOLERANCE = 0.05;

    private PfRatioDeriver() {}

    static List<Measurement> complete(List<MeasurementsSheet.Row> rows, String sheetName, StudyProtocol protocol, ImportIssues issues)
    {
        List<Measurement> measurements = new ArrayList<>(rows.stream().map(MeasurementsSheet.Row::measurement).toList());
        for (DerivedValue ratio : protocol.caseSchema().derived()) {
            Optional<VariableSpec> variable = protocol.findVariable(ratio.name());
            if (ratio.kind() == DerivedValue.Kind.RATIO && variable.isPresent()) {
                complete(ratio, variable.get(), rows, sheetName, measurements, issues);
            }
        }
        return measurements;
    }

    private static void complete(DerivedValue ratio, VariableSpec variable, List<MeasurementsSheet.Row> rows, String sheetName,
            List<Measurement> measurements, ImportIssues issues)
    {
        for (Map<String, MeasurementsSheet.Row> group : byPatientAndTimepoint(rows).values()) {
            MeasurementsSheet.Row numerator = group.get(ratio.numerator());
            MeasurementsSheet.Row denominator = group.get(ratio.denominator());
            if (numerator == null || denominator == null || denominator.measurement().value() == 0) {
                continue;
            }
            double computed = BigDecimal.valueOf(numerator.measurement().value())
                    .divide(BigDecimal.valueOf(denominator.measurement().value()), MathContext.DECIMAL64)
                    .doubleValue();
            MeasurementsSheet.Row given = group.get(ratio.name());
            if (given == null) {
                measurements.add(derived(numerator.measurement(), denominator.measurement(), computed, variable));
            }
            else if (Math.abs(given.measurement().value() - computed) > TOLERANCE * Math.abs(computed)) {
                issues.warning(sheetName, given.number(), "value", UnitConverter.format(given.measurement().value()),
                        ratio.name() + " differs by more than 5% from " + ratio.numerator() + " / " + ratio.denominator() + " = " + UnitConverter.format(computed)
                                + " (rows " + numerator.number() + " and " + denominator.number() + ")");
            }
        }
    }

    private static Measurement derived(Measurement numerator, Measurement denominator, double value, VariableSpec variable)
    {
        SourceRef source = new SourceRef("computed from " + numerator.source() + " / " + denominator.source());
        return new Measurement(numerator.patientId(), numerator.timepoint(), variable.name(), value, variable.unit(), numerator.date(), source);
    }

    private static Map<List<String>, Map<String, MeasurementsSheet.Row>> byPatientAndTimepoint(List<MeasurementsSheet.Row> rows)
    {
        Map<List<String>, Map<String, MeasurementsSheet.Row>> groups = new LinkedHashMap<>();
        for (MeasurementsSheet.Row row : rows) {
            Measurement measurement = row.measurement();
            groups.computeIfAbsent(List.of(measurement.patientId(), measurement.timepoint()), key -> new LinkedHashMap<>())
                    .put(measurement.variable(), row);
        }
        return groups;
    }
}
