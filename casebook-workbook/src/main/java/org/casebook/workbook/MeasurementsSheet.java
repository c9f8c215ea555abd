package org.casebook.workbook;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.casebook.casedata.Measurement;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.VariableSpec;

/**
 * Reads the {@code measurements} sheet: one value of one protocol variable at one protocol time
 * point per row, converted to the variable's canonical unit.
 */
final class MeasurementsSheet
{
    static final SheetLayout LAYOUT = new SheetLayout("measurements",
            List.of("patient_id", "timepoint", "variable", "value"),
            List.of("unit", "date"));

    private MeasurementsSheet() {}

    /** A measurement with the data row it came from, for messages about it. */
    record Row(Measurement measurement, int number) {}

    /** The valid rows' measurements, each also given to {@code deriver}. */
    static List<Measurement> read(Sheet sheet, StudyProtocol protocol, Set<String> knownPatients, ImportIssues issues, KeptValues kept,
            PfRatioDeriver deriver)
    {
        List<Measurement> rows = new ArrayList<>();
        // each patient's first row per time point and variable, for duplicates: an int per pair
        // rather than a map entry per row, which made the largest part of a large import's memory
        List<String> timepoints = protocol.timepointNames();
        List<String> variableNames = protocol.variables().stream().map(VariableSpec::name).toList();
        Map<String, int[]> firstRows = new HashMap<>();
        String variables = protocol.variables().stream().map(VariableSpec::name).collect(Collectors.joining(", "));
        for (SheetRow sheetRow : sheet.rows()) {
            RowCells cells = new RowCells(sheet, sheetRow, issues, kept);
            String patientId = cells.patientId(knownPatients);
            String timepoint = cells.timepoint(protocol);
            VariableSpec variable = cells.requiredChoice("variable", protocol::findVariable, "one of the protocol's variables: " + variables);
            Double value = cells.requiredNumber("value");
            String unit = cells.text("unit");
            LocalDate date = cells.date("date");
            if (patientId != null && timepoint != null && variable != null) {
                int[] rowsOfPatient = firstRows.computeIfAbsent(patientId, id -> new int[timepoints.size() * variableNames.size()]);
                int pair = timepoints.indexOf(timepoint) * variableNames.size() + variableNames.indexOf(variable.name());
                int first = rowsOfPatient[pair];
                if (first == 0) {
                    rowsOfPatient[pair] = cells.number();
                }
                else {
                    cells.error("variable", variable.name(), "duplicate measurement of " + variable.name() + " for patient "
                            + patientId + " at " + timepoint + "; first given in row " + first);
                }
            }
            Double canonical = null;
            if (variable != null && value != null) {
                UnitConverter.Conversion conversion = UnitConverter.toCanonical(variable, value, unit);
                if (conversion.isOk()) {
                    canonical = conversion.value();
                }
                else {
                    cells.error(conversion.badColumn(), conversion.badColumn().equals("unit") ? unit : cells.text("value"), conversion.problem());
                }
            }
            if (cells.isValid()) {
                Measurement measurement = new Measurement(patientId, timepoint, variable.name(), canonical, variable.unit(), date, cells.source());
                rows.add(measurement);
                deriver.add(measurement, cells.number());
            }
        }
        return rows;
    }
}
