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
 *
 * <p>Fed one measurement at a time as the sheet is read, it keeps only the rows of the ratios'
 * variables, grouped by patient and time point in the order each group first appears.
 */
final class PfRatioDeriver
{
    static final double TOLERANCE = 0.05;

    /** The ratios completed, with their variables. */
    private record Ratio(DerivedValue spec, VariableSpec variable, int numerator, int denominator, int given) {}

    private record Group(String patientId, String timepoint) {}

    private final List<Ratio> ratios = new ArrayList<>();
    /** The variables the ratios use, numerators, denominators and the ratios themselves, by their slot in a group. */
    private final List<String> slots = new ArrayList<>();
    private final Map<Group, MeasurementsSheet.Row[]> groups = new LinkedHashMap<>();

    private final KeptValues kept;

    PfRatioDeriver(StudyProtocol protocol, KeptValues kept)
    {
        this.kept = kept;
        for (DerivedValue ratio : protocol.caseSchema().derived()) {
            Optional<VariableSpec> variable = protocol.findVariable(ratio.name());
            if (ratio.kind() == DerivedValue.Kind.RATIO && variable.isPresent()) {
                ratios.add(new Ratio(ratio, variable.get(), slot(ratio.numerator()), slot(ratio.denominator()), slot(ratio.name())));
            }
        }
    }

    private int slot(String variable)
    {
        int slot = slots.indexOf(variable);
        if (slot < 0) {
            slots.add(variable);
            slot = slots.size() - 1;
        }
        return slot;
    }

    /** One valid row of the sheet, in sheet order. */
    void add(Measurement measurement, int rowNumber)
    {
        if (ratios.isEmpty()) {
            return;
        }
        // every row places its group, so that the groups, and what is derived from them, keep the sheet's order
        // (a group without a row of the ratios' variables holds null: most groups, kept small)
        Group key = new Group(measurement.patientId(), measurement.timepoint());
        MeasurementsSheet.Row[] group = groups.get(key);
        int slot = slots.indexOf(measurement.variable());
        if (group == null) {
            if (slot < 0) {
                groups.putIfAbsent(key, null);
                return;
            }
            group = new MeasurementsSheet.Row[slots.size()];
            groups.put(key, group); // a key already present keeps its place
        }
        if (slot >= 0) {
            group[slot] = new MeasurementsSheet.Row(measurement, rowNumber);
        }
    }

    /** The sheet's measurements followed by the derived ones; disagreeing given ratios are warnings. */
    List<Measurement> complete(List<Measurement> measurements, String sheetName, ImportIssues issues)
    {
        List<Measurement> completed = new ArrayList<>(measurements);
        for (Ratio ratio : ratios) {
            complete(ratio, sheetName, completed, issues);
        }
        return completed;
    }

    private void complete(Ratio ratio, String sheetName, List<Measurement> measurements, ImportIssues issues)
    {
        DerivedValue spec = ratio.spec();
        for (MeasurementsSheet.Row[] group : groups.values()) {
            if (group == null) {
                continue;
            }
            MeasurementsSheet.Row numerator = group[ratio.numerator()];
            MeasurementsSheet.Row denominator = group[ratio.denominator()];
            if (numerator == null || denominator == null || denominator.measurement().value() == 0) {
                continue;
            }
            double computed = BigDecimal.valueOf(numerator.measurement().value())
                    .divide(BigDecimal.valueOf(denominator.measurement().value()), MathContext.DECIMAL64)
                    .doubleValue();
            MeasurementsSheet.Row given = group[ratio.given()];
            if (given == null) {
                measurements.add(derived(numerator.measurement(), denominator.measurement(), computed, ratio.variable()));
            }
            else if (Math.abs(given.measurement().value() - computed) > TOLERANCE * Math.abs(computed)) {
                issues.warning(sheetName, given.number(), "value", UnitConverter.format(given.measurement().value()),
                        spec.name() + " differs by more than 5% from " + spec.numerator() + " / " + spec.denominator() + " = " + UnitConverter.format(computed)
                                + " (rows " + numerator.number() + " and " + denominator.number() + ")");
            }
        }
    }

    private Measurement derived(Measurement numerator, Measurement denominator, double value, VariableSpec variable)
    {
        SourceRef source = kept.computed("computed from " + numerator.source() + " / " + denominator.source());
        return new Measurement(numerator.patientId(), numerator.timepoint(), variable.name(), value, variable.unit(), numerator.date(), source);
    }
}
