package org.casebook.analysis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseRecordBuilder;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.Measurement;
import org.casebook.casedata.SourceRef;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each count of the results at its boundary, on the seed protocol's definitions. */
class OutcomeCountsTest
{
    private static final StudyProtocol SEED = Protocols.builtIn(Protocols.SEED);
    private static final LocalDate ONSET = LocalDate.of(2024, 3, 10);

    private final List<CaseRecord> cases = new ArrayList<>();
    private final List<Measurement> measurements = new ArrayList<>();

    private void patient(String id, UnaryOperator<CaseRecordBuilder> details)
    {
        cases.add(details.apply(new CaseRecordBuilder(id, ONSET).set("admission_date", ONSET)).build());
    }

    private void measure(String id, String timepoint, String variable, double value)
    {
        measurements.add(new Measurement(id, timepoint, variable, value, "", null, new SourceRef("test")));
    }

    private OutcomeCount count(String name)
    {
        CaseWorkbook workbook = new CaseWorkbook(cases, measurements, List.of(), List.of(), List.of(), List.of());
        return new CaseSeriesAnalysis(SEED).analyze(workbook).findOutcome(name).orElseThrow();
    }

    @Nested
    class PfIncreased
    {
        @Test
        void countsOnlyAStrictRiseAndLeavesOutPatientsWithoutBothValues()
        {
            patient("up", b -> b);
            measure("up", "onset", "pf_ratio", 150);
            measure("up", "after", "pf_ratio", 150.1);
            patient("equal", b -> b);
            measure("equal", "onset", "pf_ratio", 150);
            measure("equal", "after", "pf_ratio", 150);
            patient("no-after", b -> b);
            measure("no-after", "onset", "pf_ratio", 150);
            assertThat(count("pf_increased")).extracting(OutcomeCount::count, OutcomeCount::denominator).containsExactly(1, 2);
        }
    }

    @Nested
    class FvcDeclines
    {
        private void fvc(String id, double before, double after)
        {
            patient(id, b -> b);
            measure(id, "before", "fvc_percent_predicted", before);
            measure(id, "after", "fvc_percent_predicted", after);
        }

        @Test
        void anyDeclineIsStrict()
        {
            fvc("down", 80, 79.9);
            fvc("same", 80, 80);
            assertThat(count("fvc_declined_any")).extracting(OutcomeCount::count, OutcomeCount::denominator).containsExactly(1, 2);
        }

        @Test
        void relativeDeclineOfExactlyTenPercentCountsInDecimal()
        {
            // 50.1 → 45.09 is exactly 10% in decimal; (50.1 − 45.09)/50.1 in binary floating point is below 0.1.
            fvc("exactly-10pct", 50.1, 45.09);
            fvc("just-under", 50.1, 45.1);
            fvc("round", 70, 63);
            assertThat((50.1 - 45.09) / 50.1).isLessThan(0.10);
            assertThat(count("fvc_declined_10pct_relative")).extracting(OutcomeCount::count, OutcomeCount::denominator).containsExactly(2, 3);
        }

        @Test
        void absoluteDeclineOfExactlyTenPointsCountsInDecimal()
        {
            // 64.1 − 54.1 is below 10 in binary floating point
            fvc("exactly-10", 64.1, 54.1);
            fvc("just-under", 64.1, 54.11);
            assertThat(64.1 - 54.1).isLessThan(10);
            assertThat(count("fvc_declined_10pt_absolute")).extracting(OutcomeCount::count, OutcomeCount::denominator).containsExactly(1, 2);
        }
    }

    @Test
    void homeOxygenCountsRecordedYesOverRecordedAnswers()
    {
        patient("yes", b -> b.set("home_oxygen_at_discharge", true));
        patient("no", b -> b.set("home_oxygen_at_discharge", false));
        patient("blank", b -> b);
        assertThat(count("home_oxygen")).extracting(OutcomeCount::count, OutcomeCount::denominator).containsExactly(1, 2);
    }

    @Nested
    class SurvivalAtDay90
    {
        @Test
        void followedUpExactlyToDay90IsAlive()
        {
            patient("to-day-90", b -> b.set("ae_onset_date", ONSET).dayZero(ONSET).set("last_followup_date", ONSET.plusDays(90)));
            patient("to-day-89", b -> b.set("ae_onset_date", ONSET).dayZero(ONSET).set("last_followup_date", ONSET.plusDays(89)));
            assertThat(count("alive_day90")).extracting(OutcomeCount::count, OutcomeCount::denominator).containsExactly(1, 1);
            assertThat(count("censored_before_day90")).extracting(OutcomeCount::count, OutcomeCount::denominator).containsExactly(1, 2);
        }

        @Test
        void deathOnDay90CountsAsDiedAndDeathOnDay91AsAlive()
        {
            patient("died-90", b -> b.set("death_date", ONSET.plusDays(90)));
            patient("died-91", b -> b.set("death_date", ONSET.plusDays(91)));
            assertThat(count("died_by_day90")).extracting(OutcomeCount::count, OutcomeCount::denominator).containsExactly(1, 2);
            assertThat(count("alive_day90")).extracting(OutcomeCount::count, OutcomeCount::denominator).containsExactly(1, 2);
        }

        @Test
        void dayZeroIsTheOnsetNotTheAdmission()
        {
            // onset 3 days before admission: follow-up to admission + 88 is onset + 91
            patient("onset-first", b -> b.set("ae_onset_date", ONSET.minusDays(3)).dayZero(ONSET.minusDays(3)).set("last_followup_date", ONSET.plusDays(88)));
            assertThat(count("alive_day90").count()).isEqualTo(1);
        }
    }

    @Nested
    class JakiStoppedForAdverseEvent
    {
        @Test
        void stopOnOnsetDayCountsAndTheDayAfterDoesNot()
        {
            patient("on-onset", b -> b.set("prior_jaki", "tofacitinib").set("prior_jaki_stop_reason", "Adverse Event").set("prior_jaki_stop_date", ONSET));
            patient("after-onset", b -> b.set("prior_jaki", "tofacitinib").set("prior_jaki_stop_reason", "adverse event").set("prior_jaki_stop_date", ONSET.plusDays(1)));
            patient("other-reason", b -> b.set("prior_jaki", "baricitinib").set("prior_jaki_stop_reason", "remission").set("prior_jaki_stop_date", ONSET.minusDays(9)));
            patient("none", b -> b.set("prior_jaki", "none"));
            patient("unknown", b -> b);
            assertThat(count("jaki_stopped_for_ae_before_onset")).extracting(OutcomeCount::count, OutcomeCount::denominator).containsExactly(1, 4);
        }

        @Test
        void daysFromStopToOnsetAreSummarizedOverAdverseEventStops()
        {
            patient("a", b -> b.set("prior_jaki", "tofacitinib").set("prior_jaki_stop_reason", "adverse event").set("prior_jaki_stop_date", ONSET.minusDays(9)));
            patient("b", b -> b.set("prior_jaki", "tofacitinib").set("prior_jaki_stop_reason", "adverse event").set("prior_jaki_stop_date", ONSET.minusDays(3)));
            patient("c", b -> b.set("prior_jaki", "tofacitinib").set("prior_jaki_stop_reason", "adverse event").set("prior_jaki_stop_date", ONSET.minusDays(20)));
            patient("d", b -> b.set("prior_jaki", "tofacitinib").set("prior_jaki_stop_reason", "remission").set("prior_jaki_stop_date", ONSET.minusDays(100)));
            CaseWorkbook workbook = new CaseWorkbook(cases, measurements, List.of(), List.of(), List.of(), List.of());
            var days = new CaseSeriesAnalysis(SEED).analyze(workbook).findDaysToDayZero("days_stop_to_onset").orElseThrow();
            assertThat(days.n()).isEqualTo(3);
            assertThat(days.median()).isEqualTo(9.0);
            assertThat(days.min()).isEqualTo(3.0);
            assertThat(days.max()).isEqualTo(20.0);
        }
    }

    @Test
    void pulseIsTheRecordedAnswerOrElseADoseOfAtLeast500Mg()
    {
        patient("recorded-yes", b -> b.set("mpsl_pulse", true));
        patient("recorded-no-despite-dose", b -> b.set("mpsl_pulse", false).set("mpsl_max_daily_dose_mg", 1000.0));
        patient("blank-500", b -> b.set("mpsl_max_daily_dose_mg", 500.0));
        patient("blank-499", b -> b.set("mpsl_max_daily_dose_mg", 499.9));
        patient("nothing", b -> b);
        assertThat(count("pulse")).extracting(OutcomeCount::count, OutcomeCount::denominator).containsExactly(2, 4);
    }
}
