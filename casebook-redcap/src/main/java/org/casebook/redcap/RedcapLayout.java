package org.casebook.redcap;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.casebook.ctscore.IchikadoPattern;
import org.casebook.ctscore.KazerooniLobe;
import org.casebook.ctscore.LungZone;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.TimePoint;
import org.casebook.protocol.VariableSpec;
import org.casebook.schema.AdverseEventSchema;
import org.casebook.schema.CaseField;
import org.casebook.schema.FieldKind;

/**
 * The REDCap project casebook writes for a protocol, and the kind of every workbook column. The
 * case is one instrument ({@value #CASE_FORM}, a field per case field); each other workbook sheet
 * is a repeating instrument: {@value #MEASUREMENTS_FORM} has one instance per time point (a
 * time-point dropdown, then a value and a date field per variable), and CT studies, CT reads and
 * adverse events one instance per sheet row, their fields named by a prefix and the sheet column.
 * {@link #columns} (each workbook sheet's columns as field specs) is public: the ODM exchange
 * (casebook-odm) describes the same sheets.
 */
public final class RedcapLayout
{
    static final String RECORD_ID = "record_id";
    static final String CASE_FORM = "case_data";
    static final String MEASUREMENTS_FORM = "measurements";
    static final String TIMEPOINT_FIELD = "mx_timepoint";
    static final String DATE_SUFFIX = "_date";
    static final List<String> SHEETS = List.of("measurements", "ct_studies", "ct_reads", "ct_reads_kazerooni", "adverse_events");
    private static final Map<String, String> PREFIXES = Map.of("ct_studies", "cts_", "ct_reads", "ctr_", "ct_reads_kazerooni", "ctk_", "adverse_events", "aev_");

    private RedcapLayout() {}

    /** The prefix of a row sheet's REDCap fields ({@code ae_} for adverse events). */
    static String prefix(String sheet)
    {
        return PREFIXES.get(sheet);
    }

    /** The REDCap field holding a variable's value: its name, or {@code mx_} and its name when a case field has that name. */
    static String variableField(StudyProtocol protocol, VariableSpec variable)
    {
        return protocol.caseSchema().findField(variable.name()).isPresent() || variable.name().equals(RECORD_ID)
                ? "mx_" + variable.name()
                : variable.name();
    }

    /**
     * The columns of a workbook sheet other than {@code patient_id} and {@code source}, each as a
     * field spec giving its kind, label and limits. The measurements sheet's are timepoint,
     * variable, value, unit and date.
     */
    public static Map<String, CaseField> columns(StudyProtocol protocol, String sheet)
    {
        Map<String, CaseField> columns = new LinkedHashMap<>();
        switch (sheet) {
            case "cases" -> protocol.caseSchema().fields().forEach(field -> columns.put(field.name(), field));
            case "measurements" -> {
                columns.put("timepoint", timepoint(protocol));
                columns.put("variable", category("variable", "Variable", protocol.variables().stream().map(VariableSpec::name).toList(), true));
                columns.put("value", number("value", "Value", null, null, true));
                columns.put("unit", text("unit", "Unit", false));
                columns.put("date", date("date", "Date", false));
            }
            case "ct_studies" -> {
                columns.put("timepoint", timepoint(protocol));
                columns.put("date", date("date", "Date of the CT", true));
                columns.put("study_id", text("study_id", "Study instance UID or accession number", false));
            }
            case "ct_reads" -> {
                readColumns(protocol, columns, "zone", Arrays.stream(LungZone.values()).map(Enum::name).toList());
                for (IchikadoPattern pattern : IchikadoPattern.values()) {
                    columns.put(pattern.column(), whole(pattern.column(), pattern.column() + " (% of the zone)", 0, 100));
                }
            }
            case "ct_reads_kazerooni" -> {
                readColumns(protocol, columns, "lobe", Arrays.stream(KazerooniLobe.values()).map(Enum::name).toList());
                columns.put("alveolar", whole("alveolar", "Alveolar grade", 0, 5));
                columns.put("interstitial", whole("interstitial", "Interstitial grade", 0, 5));
            }
            case "adverse_events" -> {
                columns.put("term", text("term", "Adverse event", true));
                columns.put("onset_date", date("onset_date", "Onset", false));
                columns.put("grade", whole("grade", "CTCAE grade", 1, 5));
                columns.put("ctcae_version", text("ctcae_version", "CTCAE version (blank: the study's)", false));
                columns.put("serious", CaseField.simple("serious", "Serious", FieldKind.YES_NO));
                columns.put("related_to", category("related_to", "Related to", protocol.caseSchema().adverseEvents().relatedToLevels(), false));
                columns.put("action", text("action", "Action taken", false));
                columns.put("outcome", category("outcome", "Outcome", protocol.caseSchema().adverseEvents().outcomeLevels(), false));
            }
            default -> throw new IllegalArgumentException("unknown workbook sheet '" + sheet + "'");
        }
        return columns;
    }

    static Optional<CaseField> findColumn(StudyProtocol protocol, String sheet, String column)
    {
        return Optional.ofNullable(columns(protocol, sheet).get(column));
    }

    /** Columns naming what a row is about rather than holding a value: a row of only these is empty. */
    static boolean isKeyColumn(String sheet, String column)
    {
        return switch (column) {
            case "timepoint", "variable", "reader", "zone", "lobe", "unit" -> true;
            default -> false;
        };
    }

    private static void readColumns(StudyProtocol protocol, Map<String, CaseField> columns, String part, List<String> parts)
    {
        columns.put("timepoint", timepoint(protocol));
        columns.put("reader", text("reader", "Reader", true));
        columns.put(part, category(part, part.equals("zone") ? "Lung zone" : "Lobe", parts, true));
    }

    private static CaseField timepoint(StudyProtocol protocol)
    {
        List<String> names = protocol.timepoints().stream().map(TimePoint::name).toList();
        return category("timepoint", "Time point", names, true);
    }

    static CaseField category(String name, String label, List<String> levels, boolean required)
    {
        return new CaseField(name, label, FieldKind.CATEGORY, required, null, null, null, null, levels, null, List.of(), CaseField.DEFAULT_MAX_LENGTH, null);
    }

    static CaseField text(String name, String label, boolean required)
    {
        return new CaseField(name, label, FieldKind.TEXT, required, null, null, null, null, List.of(), null, List.of(), CaseField.DEFAULT_MAX_LENGTH, null);
    }

    static CaseField date(String name, String label, boolean required)
    {
        return new CaseField(name, label, FieldKind.DATE, required, null, null, null, null, List.of(), null, List.of(), CaseField.DEFAULT_MAX_LENGTH, null);
    }

    static CaseField number(String name, String label, BigDecimal min, BigDecimal max, boolean required)
    {
        return new CaseField(name, label, FieldKind.NUMBER, required, null, null, min, max, List.of(), null, List.of(), CaseField.DEFAULT_MAX_LENGTH, null);
    }

    private static CaseField whole(String name, String label, int min, int max)
    {
        return new CaseField(name, label, FieldKind.INTEGER, false, null, null, BigDecimal.valueOf(min), BigDecimal.valueOf(max), List.of(), null, List.of(),
                CaseField.DEFAULT_MAX_LENGTH, null);
    }

    /**
     * The words each choice of a sheet's column is shown under in REDCap, by level in the column's
     * order: a time point's label, an adverse event's {@code related_to} and {@code outcome} in the
     * protocol's words ("not recovered" for {@code not_recovered}), any other level as written.
     * REDCap shows a dropdown's label to the person entering data and keeps only the code, so the
     * label must be the protocol's words; two levels whose words read alike get their level in
     * brackets, so a label still names one level when the mapping matches it back.
     */
    static Map<String, String> choiceWords(StudyProtocol protocol, String sheet, String column, CaseField spec)
    {
        AdverseEventSchema events = protocol.caseSchema().adverseEvents();
        Map<String, String> timepoints = timepointLabels(protocol);
        Map<String, String> words = new LinkedHashMap<>();
        for (String level : spec.choices()) {
            String word = switch (sheet + "." + column) {
                case "adverse_events.related_to" -> events.relatedToLabel(level);
                case "adverse_events.outcome" -> events.outcomeLabel(level);
                default -> column.equals("timepoint") && !sheet.equals("cases") ? timepoints.getOrDefault(level, level) : level;
            };
            // " | " separates REDCap's choices
            words.put(level, word.replace('|', '/'));
        }
        Map<String, String> distinct = new LinkedHashMap<>();
        words.forEach((level, word) -> distinct.put(level,
                words.values().stream().filter(other -> MappingGenerator.same(other, word)).count() > 1 ? word + " (" + level + ")" : word));
        return distinct;
    }

    /** The one level whose {@link #choiceWords words} read as a choice's label (ignoring case, spaces and punctuation); empty when none or several do. */
    static Optional<String> levelOfWords(StudyProtocol protocol, String sheet, CaseField spec, String label)
    {
        List<String> levels = choiceWords(protocol, sheet, spec.name(), spec).entrySet().stream()
                .filter(words -> MappingGenerator.same(words.getValue(), label)).map(Map.Entry::getKey).toList();
        return levels.size() == 1 ? Optional.of(levels.get(0)) : Optional.empty();
    }

    /** The protocol's time point labels by name. */
    static Map<String, String> timepointLabels(StudyProtocol protocol)
    {
        Map<String, String> labels = new LinkedHashMap<>();
        protocol.timepoints().forEach(timepoint -> labels.put(timepoint.name(), timepoint.label()));
        return labels;
    }
}
