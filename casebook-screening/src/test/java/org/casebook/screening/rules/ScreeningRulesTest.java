package org.casebook.screening.rules;

import java.math.BigDecimal;

import org.casebook.codeset.CodeSystems;
import org.casebook.screening.facts.MedicationUse;
import org.casebook.screening.fhir.Coding;
import org.casebook.screening.fhir.Concept;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casebook.screening.rules.Facts.ILD;
import static org.casebook.screening.rules.Facts.MPSL;
import static org.casebook.screening.rules.Facts.RA;
import static org.casebook.screening.rules.Facts.UPADACITINIB;

/** The seed protocol's eligibility rules, one behaviour at a time, on hand-made facts. */
class ScreeningRulesTest
{
    private static final ScreeningRules RULES = ScreeningProtocol.seed().rules();

    private static EligibilityDecision decide(Facts facts)
    {
        return RULES.decide(facts.build());
    }

    @Test
    void eligiblePatientIsIncludedWithDayZeroAtTheAdmissionDate()
    {
        EligibilityDecision decision = decide(Facts.eligible());

        assertThat(decision.status()).isEqualTo(EligibilityDecision.Status.INCLUDED);
        assertThat(decision.dayZero()).hasValueSatisfying(day -> assertThat(day).hasToString("2024-03-10"));
        assertThat(decision.evidence()).extracting(Evidence::criterionId).containsExactly("index_admission", "ra", "glucocorticoid", "jak_inhibitor");
    }

    @Nested
    class IndexAdmission
    {
        @Test
        void outpatientEncounterIsNotAnIndexAdmission()
        {
            Facts facts = new Facts().admission("enc1", "AMB", "finished", "2024-03-10", "2024-03-10", ILD);
            assertThat(decide(facts).isCandidate()).isFalse();
        }

        @Test
        void cancelledPlannedAndEnteredInErrorAdmissionsNeverCount()
        {
            for (String status : new String[] {"cancelled", "planned", "entered-in-error"}) {
                assertThat(decide(new Facts().admission("enc1", "IMP", status, "2024-03-10", null, ILD)).isCandidate()).as(status).isFalse();
            }
            assertThat(decide(new Facts().admission("enc1", "ACUTE", "in-progress", "2024-03-10", null, ILD)).isCandidate()).isTrue();
        }

        @Test
        void studyWindowIsInclusiveByTheDateAsWritten()
        {
            assertThat(decide(new Facts().admission("e", "2024-01-01T00:30:00+09:00", null)).isCandidate()).isTrue();
            assertThat(decide(new Facts().admission("e", "2024-12-31T22:00:00-05:00", null)).isCandidate()).isTrue();
            assertThat(decide(new Facts().admission("e", "2023-12-31T20:00:00-05:00", null)).isCandidate()).isFalse();
            assertThat(decide(new Facts().admission("e", "2025-01-01", null)).isCandidate()).isFalse();
            assertThat(decide(new Facts().admission("e", "2024-06", null)).isCandidate()).isFalse();
        }

        @Test
        void ildByLinkedConditionsInEveryDirection()
        {
            Facts byReason = new Facts().admission("e", "IMP", "finished", "2024-03-10", null, null, "c1").condition("c1", ILD, "confirmed", "2020-01-01", null, null);
            Facts byConditionEncounter = new Facts().admission("e", "IMP", "finished", "2024-03-10", null, null).condition("c1", ILD, null, "2024-03-10", null, "e");
            Facts unlinked = new Facts().admission("e", "IMP", "finished", "2024-03-10", null, null).condition("c1", ILD, null, "2020-01-01", null, null);
            Facts refuted = new Facts().admission("e", "IMP", "finished", "2024-03-10", null, null, "c1").condition("c1", ILD, "refuted", "2020-01-01", null, null);
            assertThat(decide(byReason).isCandidate()).isTrue();
            assertThat(decide(byConditionEncounter).isCandidate()).isTrue();
            assertThat(decide(unlinked).isCandidate()).isFalse();
            assertThat(decide(refuted).isCandidate()).isFalse();
        }

        @Test
        void icd10CodesMatchIgnoringDotAndCaseAndByPrefix()
        {
            Concept lowerNoDot = Concept.coded(CodeSystems.ICD10_CM, "j84112", null);
            Concept rheumatoidLung = Concept.coded(CodeSystems.ICD10_CM, "M05.10", null);
            Concept otherSystem = Concept.coded("http://example.org/local", "J84.10", null);
            assertThat(decide(new Facts().admission("e", "IMP", "finished", "2024-03-10", null, lowerNoDot)).isCandidate()).isTrue();
            assertThat(decide(new Facts().admission("e", "IMP", "finished", "2024-03-10", null, rheumatoidLung)).isCandidate()).isTrue();
            assertThat(decide(new Facts().admission("e", "IMP", "finished", "2024-03-10", null, otherSystem)).isCandidate()).isFalse();
        }

        @Test
        void textMatchIsFlaggedAndCodedEvidenceIsPreferred()
        {
            Concept textOnly = new Concept("Upadacitinib 15 mg extended-release tablet", java.util.List.of());
            Facts facts = new Facts().admission("enc1", "2024-03-10", "2024-03-30").ra("2015").given("m", MPSL, "2024-03-10").given("j", textOnly, "2024-03-11");
            assertThat(decide(facts).matchedByText()).containsExactly("jak_inhibitor");
            facts.given("j2", UPADACITINIB, "2024-03-12");
            assertThat(decide(facts).matchedByText()).isEmpty();
        }
    }

    @Nested
    class RheumatoidArthritis
    {
        @Test
        void raMustBeFirstRecordedOnOrBeforeTheAdmissionDate()
        {
            Facts sameDay = Facts.eligible();
            sameDay.conditions.clear();
            sameDay.ra("2024-03-10T23:59:00+09:00");
            assertThat(decide(sameDay).isIncluded()).isTrue();

            Facts after = Facts.eligible();
            after.conditions.clear();
            after.condition("ra", RA, "confirmed", "2024-03-11", "2024-03-11", null);
            assertThat(decide(after).failedCriterion()).contains("ra");
        }

        @Test
        void firstDateIsTheEarliestOfOnsetAndRecordedDate()
        {
            Facts facts = Facts.eligible();
            facts.conditions.clear();
            facts.condition("ra", RA, "confirmed", "2024-05-01", "2023-01-01", null);
            assertThat(decide(facts).isIncluded()).isTrue();
        }

        @Test
        void yearOfTheAdmissionIsNotOnOrBeforeItButAnEarlierYearIs()
        {
            Facts sameYear = Facts.eligible();
            sameYear.conditions.clear();
            sameYear.ra("2024");
            assertThat(decide(sameYear).failedCriterion()).contains("ra");

            Facts earlierYear = Facts.eligible();
            earlierYear.conditions.clear();
            earlierYear.ra("2016");
            assertThat(decide(earlierYear).isIncluded()).isTrue();
        }

        @Test
        void refutedAndEnteredInErrorConditionsNeverCount()
        {
            for (String status : new String[] {"refuted", "entered-in-error"}) {
                Facts facts = Facts.eligible();
                facts.conditions.clear();
                facts.condition("ra", RA, status, "2010-01-01", null, null);
                assertThat(decide(facts).failedCriterion()).as(status).contains("ra");
            }
        }
    }

    @Nested
    class Medications
    {
        @Test
        void drugsCountFromAdmissionDateToDischargeDateInclusive()
        {
            Facts onAdmissionDay = Facts.eligible();
            onAdmissionDay.medications.remove(1);
            onAdmissionDay.given("j", UPADACITINIB, "2024-03-10T00:01:00+09:00");
            assertThat(decide(onAdmissionDay).isIncluded()).isTrue();

            Facts onDischargeDay = Facts.eligible();
            onDischargeDay.medications.remove(1);
            onDischargeDay.given("j", UPADACITINIB, "2024-03-30T23:30:00-08:00");
            assertThat(decide(onDischargeDay).isIncluded()).isTrue();

            Facts dayAfter = Facts.eligible();
            dayAfter.medications.remove(1);
            dayAfter.given("j", UPADACITINIB, "2024-03-31");
            assertThat(decide(dayAfter).failedCriterion()).contains("jak_inhibitor");

            Facts dayBefore = Facts.eligible();
            dayBefore.medications.remove(0);
            dayBefore.given("m", MPSL, "2024-03-09T23:59:00+09:00");
            assertThat(decide(dayBefore).failedCriterion()).contains("glucocorticoid");
        }

        @Test
        void anOpenAdmissionHasNoUpperBound()
        {
            Facts facts = new Facts().admission("enc1", "2024-03-10", null).ra("2015-01-01").given("m", MPSL, "2024-03-10").given("j", UPADACITINIB, "2025-06-01");
            assertThat(decide(facts).isIncluded()).isTrue();
        }

        @Test
        void statusesThatNeverCount()
        {
            for (String status : new String[] {"entered-in-error", "cancelled", "draft", "not-done", "not-taken"}) {
                Facts facts = Facts.eligible();
                facts.medications.remove(1);
                facts.drug("j", MedicationUse.Kind.REQUEST, status, UPADACITINIB, "2024-03-12", null, null);
                assertThat(decide(facts).failedCriterion()).as(status).contains("jak_inhibitor");
            }
        }

        @Test
        void aYearOrMonthStartIsNeverInsideTheStay()
        {
            Facts facts = Facts.eligible();
            facts.medications.remove(1);
            facts.drug("j", MedicationUse.Kind.STATEMENT, "active", UPADACITINIB, "2024-03", null, null);
            assertThat(decide(facts).failedCriterion()).contains("jak_inhibitor");
        }

        @Test
        void prednisoloneIsNotMethylprednisolone()
        {
            Facts facts = Facts.eligible();
            facts.medications.remove(0);
            facts.given("p", new Concept("Prednisolone 30 mg", java.util.List.of(new Coding(CodeSystems.RXNORM, "8638", "prednisolone"))), "2024-03-10");
            assertThat(decide(facts).failedCriterion()).contains("glucocorticoid");
        }
    }

    @Nested
    class DecidingAdmission
    {
        @Test
        void includedAtTheFirstAdmissionMeetingEveryCriterion()
        {
            Facts facts = Facts.eligible().admission("enc0", "2024-01-05T08:00:00+09:00", "2024-01-15");
            EligibilityDecision decision = decide(facts);
            assertThat(decision.isIncluded()).isTrue();
            assertThat(decision.admission().orElseThrow().encounter().id()).isEqualTo("enc1");
        }

        @Test
        void excludedAtTheAdmissionThatGotFurthestEarliestOnTies()
        {
            Facts facts = new Facts()
                    .admission("encB", "2024-02-01T10:00:00+09:00", "2024-02-10")
                    .admission("encA", "2024-02-01T10:00:00+09:00", "2024-02-10")
                    .admission("encC", "2024-05-01", "2024-05-20")
                    .ra("2010-01-01")
                    .given("m", MPSL, "2024-05-02");
            EligibilityDecision decision = decide(facts);
            assertThat(decision.failedCriterion()).contains("jak_inhibitor");
            assertThat(decision.admission().orElseThrow().encounter().id()).isEqualTo("encC");

            Facts tie = new Facts()
                    .admission("encB", "2024-02-01T10:00:00+09:00", "2024-02-10")
                    .admission("encA", "2024-02-01T10:00:00+09:00", "2024-02-10")
                    .admission("encD", "2024-02-01", "2024-02-10");
            EligibilityDecision tied = decide(tie);
            assertThat(tied.failedCriterion()).contains("ra");
            assertThat(tied.admission().orElseThrow().encounter().id()).as("a date without time sorts first").isEqualTo("encD");
        }
    }

    @Test
    void aPulseIsAnySingleDoseOfAtLeast500Milligrams()
    {
        Facts facts = Facts.eligible().drug("pulse", MedicationUse.Kind.ADMINISTRATION, "completed", MPSL, "2024-03-11", null, new BigDecimal("500"));
        EligibilityDecision decision = decide(facts);
        ExtractedCase extracted = new CaseExtractor(ScreeningProtocol.seed().extraction()).extract(facts.build(), decision.admission().orElseThrow());
        assertThat(extracted.field("mpsl_pulse")).contains("yes");
        assertThat(extracted.field("mpsl_pulse_start_date")).contains("2024-03-11");
    }
}
