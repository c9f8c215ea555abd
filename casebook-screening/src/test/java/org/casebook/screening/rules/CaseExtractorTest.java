package org.casebook.screening.rules;

import java.math.BigDecimal;
import java.util.List;

import org.casebook.codeset.CodeSystems;
import org.casebook.screening.facts.MedicationUse;
import org.casebook.screening.fhir.Coding;
import org.casebook.screening.fhir.Concept;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casebook.screening.rules.Facts.UPADACITINIB;

/** The extraction rules of the seed protocol on hand-made facts; the admission is 2024-03-10 … 2024-03-30. */
class CaseExtractorTest
{
    private static final ScreeningProtocol PROTOCOL = ScreeningProtocol.seed();

    private static ExtractedCase extract(Facts facts)
    {
        EligibilityDecision decision = PROTOCOL.rules().decide(facts.build());
        assertThat(decision.isIncluded()).isTrue();
        return new CaseExtractor(PROTOCOL.extraction()).extract(facts.build(), decision.admission().orElseThrow());
    }

    private static String pf(ExtractedCase extracted, String timepoint)
    {
        return extracted.measurement(timepoint, "pf_ratio").map(m -> m.value().toPlainString()).orElse("none");
    }

    @Test
    void pfIsComputedFromPao2AndTheNearestFio2WithinSixtyMinutesInclusive()
    {
        Facts facts = Facts.eligible()
                .observation("pao2", "2703-7", "60", "mm[Hg]", "2024-03-10T12:00:00+09:00")
                .observation("fio2-far", "3150-0", "21", "%", "2024-03-10T11:00:00+09:00")
                .observation("fio2-near", "3150-0", "40", "%", "2024-03-10T12:30:00+09:00");
        ExtractedCase extracted = extract(facts);
        assertThat(pf(extracted, "onset")).isEqualTo("150.0");
        assertThat(extracted.measurement("onset", "pf_ratio").orElseThrow().sources()).extracting(Object::toString)
                .containsExactly("Observation/pao2", "Observation/fio2-near");
    }

    @Test
    void fio2SixtyOneMinutesAwayOrWithoutATimeIsNeverPaired()
    {
        Facts facts = Facts.eligible()
                .observation("pao2", "2703-7", "60", "mm[Hg]", "2024-03-10T12:00:00+09:00")
                .observation("fio2-late", "3150-0", "40", "%", "2024-03-10T13:01:00+09:00")
                .observation("fio2-day", "3150-0", "40", "%", "2024-03-10");
        assertThat(pf(extract(facts), "onset")).isEqualTo("none");
        facts.observation("fio2-edge", "3150-0", "50", "%", "2024-03-10T04:00:00+01:00");
        assertThat(pf(extract(facts), "onset")).as("60 minutes exactly, across offsets").isEqualTo("120.0");
    }

    @Test
    void kilopascalsAndFractionsAreConvertedAndTheLowestOnsetValueWins()
    {
        Facts facts = Facts.eligible()
                .observation("pao2-kpa", "2703-7", "8", "kPa", "2024-03-11T09:00:00+09:00")
                .observation("fio2-fraction", "3150-0", "0.5", "1", "2024-03-11T09:10:00+09:00")
                .observation("pf-given", "50984-4", "130.26", "mm[Hg]", "2024-03-12T09:00:00+09:00");
        // 8 kPa × 7.50062 / 0.5 = 120.00992
        assertThat(pf(extract(facts), "onset")).isEqualTo("120.0");
    }

    @Test
    void pfAfterIsTheLastFromDaySevenToDischarge()
    {
        Facts facts = Facts.eligible()
                .observation("pf1", "50984-4", "200", "mm[Hg]", "2024-03-17T09:00:00+09:00")
                .observation("pf2", "50984-4", "250", "mm[Hg]", "2024-03-30T09:00:00+09:00")
                .observation("pf3", "50984-4", "300", "mm[Hg]", "2024-03-31T09:00:00+09:00");
        assertThat(pf(extract(facts), "after")).isEqualTo("250.0");
    }

    @Test
    void fvcBeforeIsTheLatestInTheYearBeforeAndAfterTheFirstFromDayThirty()
    {
        Facts facts = Facts.eligible()
                .observation("old", "19872-1", "90", "%", "2023-03-01")
                .observation("b1", "19872-1", "80", "%", "2023-12-01")
                .observation("b2", "19872-1", "78.5", "%", "2024-03-09")
                .observation("early", "19872-1", "60", "%", "2024-04-08")
                .observation("a1", "19872-1", "70", "%", "2024-04-09")
                .observation("a2", "19872-1", "72", "%", "2024-05-01");
        ExtractedCase extracted = extract(facts);
        assertThat(extracted.measurement("before", "fvc_percent_predicted").orElseThrow().value()).isEqualByComparingTo("78.5");
        assertThat(extracted.measurement("after", "fvc_percent_predicted").orElseThrow().value()).isEqualByComparingTo("70");
    }

    @Test
    void ctOnsetIsNearestToDayZeroTheEarlierOnTiesAndBeforeIsAnotherStudy()
    {
        Facts facts = Facts.eligible()
                .ct("minus2", "CT", "2024-03-08T10:00:00+09:00")
                .ct("plus2", "CT", "2024-03-12T10:00:00+09:00")
                .ct("xray", "CR", "2024-03-10T10:00:00+09:00")
                .ct("after6", "CT", "2024-03-16")
                .ct("after7", "CT", "2024-03-17")
                .ct("after8", "CT", "2024-03-18");
        ExtractedCase extracted = extract(facts);
        assertThat(extracted.ctStudy("onset").orElseThrow().studyId()).isEqualTo("minus2");
        assertThat(extracted.ctStudy("before")).isEmpty();
        assertThat(extracted.ctStudy("after").orElseThrow().studyId()).isEqualTo("after7");
        facts.ct("minus3", "CT", "2024-03-07");
        assertThat(extract(facts).ctStudy("before").orElseThrow().studyId()).isEqualTo("minus3");
    }

    @Test
    void priorJakInhibitorIsTheLatestStoppedInTheHalfYearBeforeWithItsAdverseEventReason()
    {
        Concept adverse = new Concept(null, List.of(new Coding("http://terminology.hl7.org/CodeSystem/medicationrequest-status-reason", "sintol", null)));
        Facts facts = Facts.eligible()
                .drug("older", MedicationUse.Kind.STATEMENT, "completed", Concept.coded(CodeSystems.RXNORM, "2047232", null), "2023-01-01", "2024-01-01", null)
                .drug("latest", MedicationUse.Kind.REQUEST, "stopped", Concept.coded(CodeSystems.ATC, "L04AA29", null), "2023-05-01", "2024-03-01", null, adverse)
                .drug("active", MedicationUse.Kind.REQUEST, "active", UPADACITINIB, "2023-05-01", "2024-03-05", null)
                .drug("too-old", MedicationUse.Kind.STATEMENT, "stopped", UPADACITINIB, "2022-01-01", "2023-09-01", null);
        ExtractedCase extracted = extract(facts);
        assertThat(extracted.field("prior_jaki")).contains("tofacitinib");
        assertThat(extracted.field("prior_jaki_stop_date")).contains("2024-03-01");
        assertThat(extracted.field("prior_jaki_stop_reason")).contains("adverse event");
    }

    @Test
    void treatmentIsTheFirstJakInhibitorOfTheStayWithItsDoseInMilligrams()
    {
        Facts facts = Facts.eligible();
        facts.medications.remove(1);
        facts.drug("second", MedicationUse.Kind.REQUEST, "active", Concept.coded(CodeSystems.RXNORM, "2047232", null), "2024-03-15", null, new BigDecimal("4"));
        facts.drug("first", MedicationUse.Kind.ADMINISTRATION, "completed", UPADACITINIB, "2024-03-11", null, new BigDecimal("15"));
        ExtractedCase extracted = extract(facts);
        assertThat(extracted.field("jaki_agent")).contains("upadacitinib");
        assertThat(extracted.field("jaki_dose_mg")).contains("15");
        assertThat(extracted.field("jaki_start_date")).contains("2024-03-11");
    }

    @Test
    void homeOxygenWithinTwoDaysOfDischargeAndNoneWhileOpen()
    {
        Concept oxygen = Concept.coded(CodeSystems.RXNORM, "7806", "oxygen");
        Facts twoDaysAfter = Facts.eligible().drug("o2", MedicationUse.Kind.REQUEST, "active", oxygen, "2024-04-01", null, null);
        assertThat(extract(twoDaysAfter).field("home_oxygen_at_discharge")).contains("yes");
        Facts threeDaysAfter = Facts.eligible().drug("o2", MedicationUse.Kind.DEVICE_REQUEST, "active", oxygen, "2024-04-02", null, null);
        assertThat(extract(threeDaysAfter).field("home_oxygen_at_discharge")).contains("no");
        Facts dependence = Facts.eligible().condition("z", Concept.coded(CodeSystems.ICD10_CM, "Z99.81", null), "confirmed", null, "2024-03-28", null);
        assertThat(extract(dependence).field("home_oxygen_at_discharge")).contains("yes");
        Facts open = new Facts().admission("enc1", "2024-03-10", null).ra("2015-01-01").given("m", Facts.MPSL, "2024-03-10").given("j", UPADACITINIB, "2024-03-11")
                .drug("o2", MedicationUse.Kind.REQUEST, "active", oxygen, "2024-03-12", null, null);
        assertThat(extract(open).field("home_oxygen_at_discharge")).isEmpty();
    }
}
