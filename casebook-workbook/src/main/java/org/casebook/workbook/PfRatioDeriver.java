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

/**
 * Completes the P/F ratio: for each patient and time point with PaO2 and FiO2 but no P/F, adds
 * P/F = PaO2 / FiO2 (canonical units, dated like the PaO2); a given P/F more than 5% away from
 * PaO2 / FiO2 is a warning.
 */
final class PfRatioDeriver
{
    static final String PAO2 = "pao2";
    static final String FIO2 = "fio2";
    static final String PF_RATIO = "pf_ratio";
    static final double TOLERANCE = 0.05;

    private PfRatioDeriver() {}

    static List<Measurement> complete(List<MeasurementsSheet.Row> rows, String sheetName, StudyProtocol protocol, ImportIssues issues)
    {
        List<Measurement> measurements = new ArrayList<>(rows.stream().map(MeasurementsSheet.Row::measurement).toList());
        Optional<VariableSpec> pfRatio = protocol.findVariable(PF_RATIO);
        if (pfRatio.isEmpty()) {
            return measurements;
        }
        for (Map<String, MeasurementsSheet.Row> group : byPatientAndTimepoint(rows).values()) {
            MeasurementsSheet.Row pao2 = group.get(PAO2);
            MeasurementsSheet.Row fio2 = group.get(FIO2);
            if (pao2 == null || fio2 == null) {
                continue;
            }
            double computed = BigDecimal.valueOf(pao2.measurement().value())
                    .divide(BigDecimal.valueOf(fio2.measurement().value()), MathContext.DECIMAL64)
                    .doubleValue();
            MeasurementsSheet.Row given = group.get(PF_RATIO);
            if (given == null) {
                measurements.add(derived(pao2.measurement(), fio2.measurement(), computed, pfRatio.get()));
            }
            else if (Math.abs(given.measurement().value() - computed) > TOLERANCE * computed) {
                issues.warning(sheetName, given.number(), "value", UnitConverter.format(given.measurement().value()),
                        "pf_ratio differs by more than 5% from pao2 / fio2 = " + UnitConverter.format(computed)
                                + " (rows " + pao2.number() + " and " + fio2.number() + ")");
            }
        }
        return measurements;
    }

    private static Measurement derived(Measurement pao2, Measurement fio2, double value, VariableSpec pfRatio)
    {
        SourceRef source = new SourceRef("computed from " + pao2.source() + " / " + fio2.source());
        return new Measurement(pao2.patientId(), pao2.timepoint(), PF_RATIO, value, pfRatio.unit(), pao2.date(), source);
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
