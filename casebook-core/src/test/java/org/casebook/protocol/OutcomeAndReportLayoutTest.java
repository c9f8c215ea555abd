package org.casebook.protocol;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed's outcomes and Table 1 as protocol data ({@code outcomes.list}, {@code report.table1}),
 * and a located error for each mistake in the keys they brought to the language.
 */
class OutcomeAndReportLayoutTest
{
    private static final String SEED_TEXT = Protocols.builtInFile(Protocols.SEED, "protocol.yaml").orElseThrow();

    private static StudyProtocol read(String text)
    {
        return new ProtocolReader("p.yaml", path -> Protocols.builtInFile(Protocols.SEED, path).orElseThrow()).read(text);
    }

    private static String seedWith(String original, String replacement)
    {
        assertThat(SEED_TEXT).contains(original);
        return SEED_TEXT.replace(original, replacement);
    }

    private static int lineOf(String text, String fragment)
    {
        return (int) text.substring(0, text.indexOf(fragment)).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void theSeedsOutcomesAreReadFromItsList()
    {
        OutcomeDefinitions outcomes = read(SEED_TEXT).outcomes();
        assertThat(outcomes.list()).extracting(OutcomeSpec::name).containsExactly("pf_increased", "fvc_declined_any", "fvc_declined_10pct_relative",
                "fvc_declined_10pt_absolute", "home_oxygen", "alive_day90", "died_by_day90", "censored_before_day90", "jaki_stopped_for_ae_before_onset", "pulse");
        OutcomeSpec stop = outcomes.find("jaki_stopped_for_ae_before_onset").orElseThrow();
        assertThat(stop.kind()).isEqualTo("event_by_day");
        assertThat(stop.day()).isZero();
        assertThat(stop.noWhen()).isEqualTo(new OutcomeSpec.FieldValue("prior_jaki", "none"));
        assertThat(stop.daysSummary()).isEqualTo("days_stop_to_onset");
        assertThat(outcomes.eventValue("prior_jaki_stop_reason")).contains("adverse event");
        assertThat(outcomes.find("pulse").orElseThrow().orAtLeast().field()).isEqualTo("mpsl_max_daily_dose_mg");
        assertThat(outcomes.find("censored_before_day90").orElseThrow().status()).isEqualTo("censored");
        assertThat(outcomes.agentsField()).isEqualTo("jaki_agent");
        assertThat(outcomes.labels()).isFalse();
    }

    @Test
    void theSeedsTable1IsReadFromItsReportLayout()
    {
        ReportLayout.Table1 table1 = read(SEED_TEXT).report().findTable1().orElseThrow();
        assertThat(table1.style()).isEqualTo(ReportLayout.Style.FULL);
        assertThat(table1.rows()).hasSize(14);
        assertThat(table1.rows().get(1)).isEqualTo(ReportLayout.Row.field("sex", Map.of("F", "female", "M", "male")));
        // age in whole years; KL-6 at the variable's own decimals (no decimals on its row)
        assertThat(table1.rows().get(0)).isEqualTo(new ReportLayout.Row("age", Map.of(), null, null, 0));
        assertThat(table1.rows().get(13)).isEqualTo(new ReportLayout.Row(null, Map.of(), "kl6", "before", null));
    }

    @Test
    void theSeedsTable3IsReadFromItsReportLayout()
    {
        ReportLayout.Table3 table3 = read(SEED_TEXT).report().findTable3().orElseThrow();
        assertThat(table3.variables()).containsExactly("pf_ratio", "fvc_percent_predicted");
        assertThat(table3.timepointNames()).isTrue();
        String text = seedWith("    variables: [pf_ratio, fvc_percent_predicted]\n    comparisons: names\n", "    comparisons: labels\n");
        ReportLayout.Table3 defaults = read(text).report().findTable3().orElseThrow();
        assertThat(defaults.variables()).as("every variable, in the protocol's order").startsWith("pao2", "fio2", "pf_ratio").hasSize(9);
        assertThat(defaults.timepointNames()).isFalse();
        assertThat(read(SEED_TEXT).report().findSpaghettiPlots()).contains(java.util.List.of("pf_ratio", "ct_total", "fvc_percent_predicted"));
    }

    @Test
    void theSeedsTreatmentTableIsReadFromItsReportLayout()
    {
        ReportLayout.Treatment treatment = read(SEED_TEXT).report().findTreatment().orElseThrow();
        assertThat(treatment.columns()).containsExactly(
                new ReportLayout.Column("field", "jaki_agent", "JAK inhibitor (mg/day)", "jaki_dose_mg"),
                new ReportLayout.Column("field", "jaki_start_date", "JAKi started (day)", null),
                new ReportLayout.Column("field", "prior_jaki", "Prior JAKi", null),
                new ReportLayout.Column("field", "prior_jaki_stop_reason", "Reason stopped", null),
                new ReportLayout.Column("days_between", "prior_jaki_stop_date", "Days prior JAKi stop → onset", null, "day0"),
                new ReportLayout.Column("exposure", "mpsl_pulse_start_date", "mPSL pulse", null),
                new ReportLayout.Column("stay", null, "Length of stay (days)", null));
        assertThat(read(seedWith("  treatment:\n    columns:\n", "  treatment:\n    columns:\n      - stay\n")).report().findTreatment().orElseThrow().columns().get(0))
                .isEqualTo(new ReportLayout.Column("stay", null, null, null));
    }

    @Test
    void aProtocolWithoutAReportLayoutHasNone()
    {
        String text = SEED_TEXT.substring(0, SEED_TEXT.indexOf("\nreport:"));
        assertThat(read(text).report()).isEqualTo(ReportLayout.NONE);
    }

    @Test
    void aRetiredSeedKeyIsLocatedAndSaysWhereItWent()
    {
        String text = seedWith("  labels: false ", "  oxygenation: {variable: pf_ratio, from: onset, to: after}\n  labels: false ");
        assertThatThrownBy(() -> read(text))
                .hasMessageContaining("line " + lineOf(text, "oxygenation"))
                .hasMessageContaining("outcomes.oxygenation")
                .hasMessageContaining("write this outcome under outcomes.list");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "status: censored}|status: lost}|outcomes.list[7].status|expected one of [alive, censored, died], found 'lost'",
            "threshold: 500}|threshold: many}|outcomes.list[9].or_at_least.threshold|expected a number",
            "or_at_least: {field: mpsl_max_daily_dose_mg|or_at_least: {field: mpsl_pulse_start_date|outcomes.list[9].or_at_least.field|expected a number or integer field, found 'mpsl_pulse_start_date' of kind date",
            "date: prior_jaki_stop_date |date: prior_jaki_stop_reason |outcomes.list[8].date|expected a date field, found 'prior_jaki_stop_reason' of kind text",
            "field: prior_jaki_stop_reason |field: mpsl_pulse |outcomes.list[8].field|expected a text or category or agent field, found 'mpsl_pulse' of kind yes_no",
            "no_when: {field: prior_jaki,|no_when: {field: prior_jakinib,|outcomes.list[8].no_when.field|expected a field declared under case_fields, found 'prior_jakinib'",
            "days_summary: days_stop_to_onset |days_summary: pulse |outcomes.list[8].days_summary|expected a name used nowhere else in the results",
            "days_summary: days_stop_to_onset |days_summary: agents |outcomes.list[8].days_summary|expected a name used nowhere else in the results",
            "equals: adverse event|equals: adverse event\\n      by_at_least: 3|outcomes.list[8].by_at_least|'by_at_least' does not apply to an outcome of kind event_by_day",
            "direction: increased,|direction: increased, equals: yes,|outcomes.list[0].equals|'equals' does not apply to an outcome of kind change",
            "  agents: jaki_agent |  agents: jaki_dose_mg |outcomes.agents|expected a agent field, found 'jaki_dose_mg' of kind number",
            "  labels: false |  labels: no thanks |outcomes.labels|expected true or false",
            "  death: death_date |  death: age |outcomes.death|expected a date field, found 'age' of kind number",
            "  last_followup: last_followup_date|  last_followup: follow_up|outcomes.last_followup|expected a field declared under case_fields, found 'follow_up'",
            "      equals: adverse event\\n|\\n|outcomes.list[8]|missing required key 'equals' (outcome kind event_by_day)",
    })
    void outcomeMistakesAreLocated(String original, String replacement, String key, String expected)
    {
        String text = seedWith(original.replace("\\n", "\n"), replacement.replace("\\n", "\n"));
        assertThatThrownBy(() -> read(text)).hasMessageContaining("key '" + key + "'").hasMessageContaining(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "    style: full|    style: wide|report.table1.style|expected one of [compact, full], found 'wide'",
            "      - bmi\\n|      - body_mass\\n|report.table1.rows[2]|expected a field declared under case_fields, or {variable, timepoint}, found 'body_mass'",
            "      - bmi\\n|      - death_date\\n|report.table1.rows[2]|expected a number, integer, yes_no, category or agent field (dates and free text are not summarized), found 'death_date' of kind date",
            "{F: female, M: male}|{F: female, X: other}|report.table1.rows[1].levels.X|expected a level of 'sex' [F, M], found 'X'",
            "      - smoking\\n|      - {field: rf_positive, levels: {yes: positive}}\\n|report.table1.rows[3].levels|'levels' applies to a category field; 'rf_positive' is of kind yes_no",
            "{variable: kl6, timepoint: before}|{variable: kl7, timepoint: before}|report.table1.rows[13].variable|expected a variable declared under variables, found 'kl7'",
            "{variable: kl6, timepoint: before}|{variable: kl6, timepoint: baseline}|report.table1.rows[13].timepoint|expected a time point declared under timepoints [after, before, onset], found 'baseline'",
            "{variable: kl6, timepoint: before}|{variable: kl6}|report.table1.rows[13]|missing required key 'timepoint'",
            "    style: full|    style: full\\n    colour: blue|report.table1.colour|unknown key",
            "[pf_ratio, fvc_percent_predicted]|[pf_ratio, fev1]|report.table3.variables[1]|expected a variable declared under variables, found 'fev1'",
            "[pf_ratio, fvc_percent_predicted]|[pf_ratio, pf_ratio]|report.table3.variables[1]|variable 'pf_ratio' listed twice",
            "    comparisons: names|    comparisons: both|report.table3.comparisons|expected one of [labels, names], found 'both'",
            "[pf_ratio, ct_total, fvc_percent_predicted]|[pf_ratio, ct_score]|report.spaghetti_plots[1]|expected a variable declared under variables, or ct_total, found 'ct_score'",
            "[pf_ratio, ct_total, fvc_percent_predicted]|[ct_total, ct_total]|report.spaghetti_plots[1]|variable 'ct_total' listed twice",
            "{variable: kl6, timepoint: before}|{variable: kl6, timepoint: before, decimals: 11}|report.table1.rows[13].decimals|expected 0 to 10 decimals, found 11",
            "      - smoking\\n|      - {field: smoking, decimals: 0}\\n|report.table1.rows[3].decimals|'decimals' applies to a number or integer field",
            "{field: jaki_agent, with: jaki_dose_mg,|{field: jaki_agent, with: jaki_start_date,|report.table2.columns[0].with|expected a number or integer field, found 'jaki_start_date' of kind date",
            "{outcome: pf_increased,|{outcome: home_oxygen,|report.table2.columns[3].outcome|expected a change outcome or an event_by_day outcome with days_summary, found 'home_oxygen' of kind proportion",
            "{outcome: pf_increased,|{outcome: pf_rose,|report.table2.columns[3].outcome|expected an outcome under outcomes.list, found 'pf_rose'",
            "      - ct_total\\n      - {outcome: fvc|      - ct_totals\\n      - {outcome: fvc|report.table2.columns[4]|expected a field declared under case_fields, ct_total, status or adverse_events, found 'ct_totals'",
            "stay: {from: admission_date, to: discharge_date}|stay: {from: admission_date, to: age}|report.timeline.stay.to|expected a date field, found 'age' of kind number",
            "start: mpsl_pulse_start_date, days: 3}|start: mpsl_pulse_start_date, days: 3, stop: discharge_date}|report.timeline.exposures[1].days|give stop or days, not both",
            "start: mpsl_pulse_start_date, days: 3}|start: mpsl_pulse_start_date, days: 0}|report.timeline.exposures[1].days|expected at least 1 day, found 0",
            "    5a: {where|    5z: {where|report.checklist.5z|expected a CARE checklist item",
            "when: [age, sex]}|when: [age, gender]}|report.checklist.5a.when[1]|expected a case field, a variable or ct_total, found 'gender'",
            "    mPSL: methylprednisolone|    mPSL: ''|report.abbreviations.mPSL|expected a non-empty text value",
            "[prior_jaki_stop_date, day0]|[prior_jaki_stop_reason, day0]|report.treatment.columns[4].days_between[0]|expected a date field or day0, found 'prior_jaki_stop_reason' of kind text",
            "[prior_jaki_stop_date, day0]|[prior_jaki_stop_date, onset]|report.treatment.columns[4].days_between[1]|expected a date field declared under case_fields, or day0, found 'onset'",
            "[prior_jaki_stop_date, day0]|[prior_jaki_stop_date]|report.treatment.columns[4].days_between|expected two dates [from, to], found 1",
            "{exposure: mpsl_pulse_start_date,|{exposure: discharge_date,|report.treatment.columns[5].exposure|expected the start field of an exposure under report.timeline.exposures [jaki_start_date, mpsl_pulse_start_date], found 'discharge_date'",
            "    stay: {from: admission_date, to: discharge_date}\\n|\\n|report.treatment.columns[6]|'stay' is the length of report.timeline.stay, and the protocol gives no report.timeline.stay",
            "{field: prior_jaki, label: Prior JAKi}|{field: prior_jaki, label: Prior JAKi, colour: red}|report.treatment.columns[2].colour|unknown key",
            "      - {column: stay, label: Length of stay (days)}|      - {column: stays}|report.treatment.columns[6].column|expected ct_total, status or adverse_events, found 'stays'",
    })
    void reportLayoutMistakesAreLocated(String original, String replacement, String key, String expected)
    {
        String text = seedWith(original.replace("\\n", "\n"), replacement.replace("\\n", "\n"));
        assertThatThrownBy(() -> read(text)).hasMessageContaining("key '" + key + "'").hasMessageContaining(expected);
    }
}
