package org.casebook.screening.synth;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.casebook.protocol.Protocols;

import static org.casebook.screening.synth.SyntheticHospital.ICD10CM;
import static org.casebook.screening.synth.SyntheticHospital.SNOMED;
import static org.casebook.screening.synth.SyntheticHospital.STOP_REASON;
import static org.casebook.screening.synth.SyntheticHospital.at;

/**
 * A planted patient with a full timeline around an ILD admission: RA and ILD diagnoses, a JAK
 * inhibitor stopped before the admission, methylprednisolone (a pulse or not), a JAK inhibitor
 * started during the stay, CTs, blood gases, spirometry, home oxygen, follow-up and sometimes death;
 * bent by its {@link Variant} into a near miss of one rule. Records the expected screening result.
 */
final class PlantedPatient
{
    /** The seed protocol's cases sheet (patient_id, then its case fields), which screening writes too. */
    static final List<String> CASE_COLUMNS = Protocols.builtIn(Protocols.SEED).caseSchema().columns();
    private static final Drug.Code[] AE_REASONS = {
            Drug.Code.of(STOP_REASON, "sintol", "Patient not-tolerant"),
            Drug.Code.of(SNOMED, "281647001", "Adverse reaction"),
            Drug.Code.text("Stopped after an adverse event (herpes zoster)"),
    };

    private final SyntheticHospital.PatientWriter p;
    private final Variant variant;
    private final SyntheticHospital.Expected expected;
    private final Map<String, String> values = new HashMap<>();
    private final List<String> measurementRows = new ArrayList<>();
    private final List<String> ctRows = new ArrayList<>();

    PlantedPatient(SyntheticHospital.PatientWriter patient, Variant variant, SyntheticHospital.Expected expected)
    {
        this.p = patient;
        this.variant = variant;
        this.expected = expected;
    }

    void write()
            throws IOException
    {
        LocalDate birth = LocalDate.of(p.between(1940, 1968), p.between(1, 12), p.between(1, 28));
        String gender = p.chance(0.6) ? "female" : "male";
        LocalDate day0 = admissionDate();
        String start = admissionStart(day0);
        int stay = p.between(12, 30);
        LocalDate discharge = day0.plusDays(stay);
        boolean open = variant == Variant.ADMISSION_OPEN;
        LocalDate followUp = day0.plusDays(p.between(95, 200));
        String deceased = p.chance(1.0 / 6) ? at(followUp.plusDays(p.between(20, 120)), 4, 10) : null;
        p.patient(birth, gender, deceased);
        values.put("admission_date", day0.toString());
        values.put("age", Integer.toString(SyntheticHospital.age(birth, day0)));
        values.put("sex", gender.equals("female") ? "F" : "M");
        if (deceased != null) {
            values.put("death_date", deceased.substring(0, 10));
        }
        for (int visit = 0; visit < 3; visit++) {
            LocalDate date = day0.minusDays(p.between(100, 900));
            String visitStart = at(date, 10, 0);
            p.vitalsAndLabs(visitStart, p.encounter("AMB", "finished", visitStart, at(date, 11, 0), null));
        }
        rheumatoidArthritis(day0);
        String ildId = interstitialLungDisease(day0);
        priorJakInhibitor(day0);
        if (variant == Variant.SECOND_ADMISSION_ELIGIBLE) {
            firstAdmissionWithoutJakInhibitor(day0.minusDays(60), ildId);
        }
        String encounterId = admission(start, open ? null : at(discharge, 10, 0), ildId);
        if (!open) {
            values.put("discharge_date", discharge.toString());
        }
        methylprednisolone(day0);
        jakInhibitor(day0, discharge);
        computedTomography(day0);
        bloodGases(day0, stay, open, encounterId);
        spirometry(day0);
        if (!open) {
            homeOxygen(discharge);
        }
        String followUpStart = at(followUp, 10, 0);
        p.vitalsAndLabs(followUpStart, p.encounter("AMB", "finished", followUpStart, at(followUp, 10, 40), null));
        values.put("last_followup_date", p.latest().toString());
        record(day0, encounterId);
    }

    private LocalDate admissionDate()
    {
        return switch (variant) {
            case ADMISSION_OFFSET_NEW_YEAR -> LocalDate.of(2024, 1, 1);
            case ADMISSION_OFFSET_NEW_YEARS_EVE -> LocalDate.of(2024, 12, 31);
            case ADMISSION_2023, ADMISSION_UTC_2024_LOCAL_2023 -> LocalDate.of(2023, 12, 31);
            case ADMISSION_2025 -> LocalDate.of(2025, 1, 1);
            case ADMISSION_MONTH_PRECISION -> LocalDate.of(2024, 6, 1).plusDays(p.between(0, 20));
            case SECOND_ADMISSION_ELIGIBLE -> LocalDate.of(2024, 4, 1).plusDays(p.between(0, 200));
            default -> LocalDate.of(2024, 2, 1).plusDays(p.between(0, 290));
        };
    }

    private String admissionStart(LocalDate day0)
    {
        return switch (variant) {
            // 2023-12-31T15:30Z in UTC, but 2024-01-01 as written: inside the window.
            case ADMISSION_OFFSET_NEW_YEAR -> "2024-01-01T00:30:00+09:00";
            // 2025-01-01T03:00Z in UTC, but 2024-12-31 as written: inside the window.
            case ADMISSION_OFFSET_NEW_YEARS_EVE -> "2024-12-31T22:00:00-05:00";
            case ADMISSION_2023 -> "2023-12-31T23:00:00+09:00";
            case ADMISSION_2025 -> "2025-01-01T08:00:00+09:00";
            // 2024-01-01T01:00Z in UTC, but 2023-12-31 as written: outside the window.
            case ADMISSION_UTC_2024_LOCAL_2023 -> "2023-12-31T20:00:00-05:00";
            case ADMISSION_MONTH_PRECISION -> "2024-06";
            default -> at(day0, p.between(8, 19), p.between(0, 59));
        };
    }

    private void rheumatoidArthritis(LocalDate day0)
            throws IOException
    {
        String[] code = Catalog.RA_CODES[p.random.nextInt(Catalog.RA_CODES.length)];
        String onset = day0.minusDays(p.between(3 * 365, 15 * 365)).toString();
        switch (variant) {
            case NO_RA -> { }
            case RA_RECORDED_AFTER_ADMISSION -> p.condition(code[0], code[1], code[2], "confirmed", day0.plusDays(3).toString(), day0.plusDays(3).toString(), null);
            case RA_REFUTED -> p.condition(code[0], code[1], code[2], "refuted", onset, onset, null);
            case RA_YEAR_OF_ADMISSION -> p.condition(code[0], code[1], code[2], "confirmed", "2024", null, null);
            case RA_YEAR_PRECISION_BEFORE -> p.condition(code[0], code[1], code[2], "confirmed", "2016", null, null);
            default -> p.condition(code[0], code[1], code[2], "confirmed", onset, day0.minusDays(p.between(30, 900)).toString(), null);
        }
    }

    private String interstitialLungDisease(LocalDate day0)
            throws IOException
    {
        String[] code = Catalog.ILD_CODES[p.random.nextInt(Catalog.ILD_CODES.length)];
        String verification = variant == Variant.ILD_REFUTED ? "refuted" : "confirmed";
        return p.condition(code[0], code[1], code[2], verification, day0.minusDays(p.between(365, 6 * 365)).toString(), null, null);
    }

    /** The JAK inhibitor stopped before the exacerbation: a statement or an order, stopped for an adverse event or not. */
    private void priorJakInhibitor(LocalDate day0)
            throws IOException
    {
        Catalog.JakInhibitor drug = Catalog.JakInhibitor.values()[p.random.nextInt(3)];
        LocalDate stop = day0.minusDays(p.between(3, 60));
        LocalDate began = stop.minusDays(p.between(200, 600));
        boolean adverse = p.chance(0.8);
        Drug.Code reason = adverse ? AE_REASONS[p.random.nextInt(AE_REASONS.length)] : Drug.Code.text("patient preference");
        Drug.Kind kind = p.chance(0.5) ? Drug.Kind.STATEMENT : Drug.Kind.REQUEST;
        p.medication(Drug.coded(kind, "stopped", drug.code(), began.toString()).withEnd(stop.toString()).withStatusReason(reason).withDose(drug.doseMg, "mg"));
        values.put("prior_jaki", drug.agent());
        values.put("prior_jaki_stop_date", stop.toString());
        values.put("prior_jaki_stop_reason", adverse ? "adverse event" : "patient preference");
    }

    private void firstAdmissionWithoutJakInhibitor(LocalDate admission, String ildId)
            throws IOException
    {
        String start = at(admission, 9, 0);
        String encounterId = p.encounter("IMP", "finished", start, at(admission.plusDays(10), 10, 0), SyntheticHospital.PatientWriter.Reason.condition(ildId));
        p.vitalsAndLabs(start, encounterId);
        p.medication(Drug.coded(Drug.Kind.ADMINISTRATION, "completed", Catalog.METHYLPREDNISOLONE, at(admission.plusDays(1), 10, 0)).withDose(new BigDecimal("125"), "mg"));
    }

    private String admission(String start, String end, String ildId)
            throws IOException
    {
        String classCode = variant == Variant.OUTPATIENT_VISIT ? "AMB" : "IMP";
        String status = switch (variant) {
            case ADMISSION_CANCELLED -> "cancelled";
            case ADMISSION_OPEN -> "in-progress";
            default -> "finished";
        };
        SyntheticHospital.PatientWriter.Reason reason = switch (variant) {
            case ILD_BY_CONDITION_ENCOUNTER -> null;
            case ILD_BY_DIAGNOSIS -> SyntheticHospital.PatientWriter.Reason.diagnosis(ildId);
            case ILD_REFUTED -> SyntheticHospital.PatientWriter.Reason.condition(ildId);
            default -> p.chance(0.3)
                    ? SyntheticHospital.PatientWriter.Reason.code(ICD10CM, "J84.10", "Acute exacerbation of interstitial lung disease")
                    : SyntheticHospital.PatientWriter.Reason.condition(ildId);
        };
        String encounterId = p.encounter(classCode, status, start, end, reason);
        if (variant == Variant.ILD_BY_CONDITION_ENCOUNTER) {
            p.condition(SNOMED, "789574002", "Acute exacerbation of interstitial lung disease", "confirmed", start, start, encounterId);
        }
        return encounterId;
    }

    private void methylprednisolone(LocalDate day0)
            throws IOException
    {
        LocalDate first = day0.plusDays(p.between(0, 1));
        switch (variant) {
            case PREDNISOLONE_INSTEAD -> {
                for (int day = 0; day < 3; day++) {
                    p.medication(Drug.coded(Drug.Kind.ADMINISTRATION, "completed", Catalog.PREDNISOLONE, at(first.plusDays(day), 23, 0)).withDose(new BigDecimal("60"), "mg"));
                }
                values.put("mpsl_pulse", "no");
            }
            case MPSL_DAY_BEFORE_ADMISSION -> {
                p.medication(Drug.coded(Drug.Kind.ADMINISTRATION, "completed", Catalog.METHYLPREDNISOLONE, at(day0.minusDays(1), 23, 50)).withDose(new BigDecimal("125"), "mg"));
                values.put("mpsl_pulse", "no");
            }
            default -> {
                boolean pulse = p.chance(0.5);
                boolean grams = p.chance(0.3);
                String status = variant == Variant.MPSL_ENTERED_IN_ERROR ? "entered-in-error" : "completed";
                for (int day = 0; day < 3; day++) {
                    Drug dose = Drug.coded(Drug.Kind.ADMINISTRATION, status, Catalog.METHYLPREDNISOLONE, at(first.plusDays(day), 23, 0));
                    dose = pulse ? (grams ? dose.withDose(BigDecimal.ONE, "g") : dose.withDose(new BigDecimal("500"), "mg")) : dose.withDose(new BigDecimal("125"), "mg");
                    p.medication(dose);
                }
                values.put("mpsl_pulse", pulse ? "yes" : "no");
                if (pulse) {
                    values.put("mpsl_pulse_start_date", first.toString());
                }
            }
        }
    }

    private void jakInhibitor(LocalDate day0, LocalDate discharge)
            throws IOException
    {
        double pick = p.random.nextDouble();
        Catalog.JakInhibitor drug = pick < 0.6 ? Catalog.JakInhibitor.UPADACITINIB : pick < 0.9 ? Catalog.JakInhibitor.BARICITINIB : Catalog.JakInhibitor.TOFACITINIB;
        LocalDate date = day0.plusDays(p.between(2, 5));
        String authored = at(date, 14, 0);
        String status = "active";
        switch (variant) {
            case JAKI_ONLY_BEFORE_STAY -> authored = at(day0.minusDays(1), 15, 0);
            case JAKI_ONLY_AFTER_STAY -> authored = at(discharge.plusDays(1), 9, 0);
            case JAKI_CANCELLED -> status = "cancelled";
            case JAKI_ON_DISCHARGE_DAY_WITH_OFFSET -> {
                // 2 days later in UTC+9 than the discharge's date as written, and still the discharge day here.
                date = discharge;
                authored = discharge + "T23:30:00-08:00";
            }
            case JAKI_BY_TEXT_ONLY -> drug = Catalog.JakInhibitor.BARICITINIB;
            default -> { }
        }
        Drug order = Drug.coded(Drug.Kind.REQUEST, status, drug.code(), authored).withDose(drug.doseMg, "mg");
        order = switch (variant) {
            case JAKI_BY_REFERENCE -> order.byReference(drug.medicationId());
            case JAKI_CONTAINED -> order.contained();
            case JAKI_BY_TEXT_ONLY -> new Drug(Drug.Kind.REQUEST, status, Drug.Code.text("Olumiant (Baricitinib) 4 mg tablet"), null, null, authored, null, null, drug.doseMg, "mg");
            default -> order;
        };
        p.medication(order);
        values.put("jaki_agent", drug.agent());
        values.put("jaki_dose_mg", drug.doseMg.toPlainString());
        values.put("jaki_start_date", date.toString());
    }

    private void computedTomography(LocalDate day0)
            throws IOException
    {
        LocalDate before = day0.minusDays(p.between(30, 300));
        LocalDate onset = day0.plusDays(p.between(0, 1));
        LocalDate after = day0.plusDays(p.between(20, 80));
        p.imagingStudy("CT", at(day0.minusDays(400), 10, 0));
        String beforeId = p.imagingStudy("CT", at(before, 10, 0));
        p.imagingStudy("CR", at(day0, 12, 0));
        String onsetId = p.imagingStudy("CT", at(onset, 15, 0));
        String afterId = p.imagingStudy("CT", at(after, 10, 0));
        p.imagingStudy("CT", at(after.plusDays(3), 10, 0));
        ctRows.add(String.join(",", p.id(), "before", before.toString(), beforeId, "ImagingStudy/" + beforeId));
        ctRows.add(String.join(",", p.id(), "onset", onset.toString(), onsetId, "ImagingStudy/" + onsetId));
        ctRows.add(String.join(",", p.id(), "after", after.toString(), afterId, "ImagingStudy/" + afterId));
    }

    /** A P/F: {@code exact} (as screening computes it, before rounding) decides which is lowest; {@code value} is written. */
    private record Ratio(BigDecimal exact, BigDecimal value, String time, String sources) {}

    /** Blood gases: PaO2 with the FiO2 taken nearest (within 60 minutes), sometimes a reported P/F. */
    private void bloodGases(LocalDate day0, int stay, boolean open, String encounterId)
            throws IOException
    {
        List<Ratio> onset = new ArrayList<>();
        onset.add(pair(at(day0, 23, 0), at(day0, 23, 20), BigDecimal.valueOf(p.between(45, 70)), "mm[Hg]",
                BigDecimal.valueOf(p.between(30, 60)), "%", encounterId));
        onset.add(pair(at(day0.plusDays(1), 9, 0), at(day0.plusDays(1), 8, 15), BigDecimal.valueOf(p.between(70, 110), 1), "kPa",
                BigDecimal.valueOf(p.between(40, 60), 2), "1", encounterId));
        // Two hours apart: no P/F can be computed from these.
        p.observation("laboratory", "3150-0", "Inhaled oxygen concentration", BigDecimal.valueOf(35), "%", "%", at(day0.plusDays(2), 6, 0), encounterId);
        p.observation("laboratory", "2703-7", "Oxygen [Partial pressure] in Arterial blood", BigDecimal.valueOf(40), "mmHg", "mm[Hg]", at(day0.plusDays(2), 8, 1), encounterId);
        if (p.chance(0.35)) {
            BigDecimal reported = BigDecimal.valueOf(p.between(900, 2500), 1);
            String time = at(day0.plusDays(2), 12, 0);
            String id = p.observation("laboratory", "50984-4", "Horowitz index in Arterial blood", reported, "mmHg", "mm[Hg]", time, encounterId);
            onset.add(new Ratio(reported, reported.setScale(1), time, "Observation/" + id));
        }
        // Lowest by the unrounded ratio (two can round alike); the earlier on an exact tie (the list is in time order).
        Ratio lowest = onset.stream().min(Comparator.comparing(Ratio::exact)).orElseThrow();
        measurementRows.add(String.join(",", p.id(), "onset", "pf_ratio", lowest.value().toPlainString(), "mmHg", lowest.time().substring(0, 10), lowest.sources()));
        int first = p.between(7, stay - 2);
        int last = p.between(first + 1, stay);
        pair(at(day0.plusDays(first), 10, 0), at(day0.plusDays(first), 10, 30), BigDecimal.valueOf(p.between(70, 95)), "mm[Hg]", BigDecimal.valueOf(p.between(25, 35)), "%", encounterId);
        Ratio after = pair(at(day0.plusDays(last), 10, 0), at(day0.plusDays(last), 9, 0), BigDecimal.valueOf(p.between(70, 95)), "mm[Hg]", BigDecimal.valueOf(p.between(21, 30)), "%", encounterId);
        if (!open) {
            measurementRows.add(String.join(",", p.id(), "after", "pf_ratio", after.value().toPlainString(), "mmHg", after.time().substring(0, 10), after.sources()));
        }
    }

    private Ratio pair(String pao2Time, String fio2Time, BigDecimal pao2, String pao2Unit, BigDecimal fio2, String fio2Unit, String encounterId)
            throws IOException
    {
        String pao2Id = p.observation("laboratory", "2703-7", "Oxygen [Partial pressure] in Arterial blood", pao2, pao2Unit.equals("kPa") ? "kPa" : "mmHg", pao2Unit, pao2Time, encounterId);
        String fio2Id = p.observation("laboratory", "3150-0", "Inhaled oxygen concentration", fio2, fio2Unit, fio2Unit, fio2Time, encounterId);
        BigDecimal mmHg = pao2Unit.equals("kPa") ? pao2.multiply(new BigDecimal("7.50062")) : pao2;
        BigDecimal fraction = fio2Unit.equals("%") ? fio2.divide(BigDecimal.valueOf(100)) : fio2;
        return new Ratio(SyntheticHospital.unroundedRatio(mmHg, fraction), SyntheticHospital.ratio(mmHg, fraction), pao2Time, "Observation/" + pao2Id + ";Observation/" + fio2Id);
    }

    private void spirometry(LocalDate day0)
            throws IOException
    {
        p.observation("exam", "19872-1", "FVC measured/predicted", BigDecimal.valueOf(p.between(600, 950), 1), "%", "%", at(day0.minusDays(400), 11, 0), null);
        LocalDate before = day0.minusDays(p.between(40, 300));
        BigDecimal beforeValue = BigDecimal.valueOf(p.between(550, 950), 1);
        String beforeId = p.observation("exam", "19872-1", "FVC measured/predicted", beforeValue, "%", "%", at(before, 11, 0), null);
        LocalDate after = day0.plusDays(p.between(35, 170));
        BigDecimal afterValue = BigDecimal.valueOf(p.between(450, 950), 1);
        String afterId = p.observation("exam", "19872-1", "FVC measured/predicted", afterValue, "%", "%", at(after, 11, 0), null);
        p.observation("exam", "19872-1", "FVC measured/predicted", BigDecimal.valueOf(p.between(450, 950), 1), "%", "%", at(after.plusDays(5), 11, 0), null);
        measurementRows.add(String.join(",", p.id(), "before", "fvc_percent_predicted", beforeValue.toPlainString(), "%", before.toString(), "Observation/" + beforeId));
        measurementRows.add(String.join(",", p.id(), "after", "fvc_percent_predicted", afterValue.toPlainString(), "%", after.toString(), "Observation/" + afterId));
    }

    private void homeOxygen(LocalDate discharge)
            throws IOException
    {
        if (!p.chance(0.5)) {
            values.put("home_oxygen_at_discharge", "no");
            return;
        }
        switch (p.between(0, 2)) {
            case 0 -> p.medication(Drug.coded(Drug.Kind.REQUEST, "active", Catalog.OXYGEN, at(discharge, 9, 0)));
            case 1 -> p.medication(Drug.coded(Drug.Kind.DEVICE_REQUEST, "active", Catalog.OXYGEN_THERAPY, at(discharge.minusDays(2), 16, 0)));
            default -> p.condition(ICD10CM, "Z99.81", "Dependence on supplemental oxygen", "confirmed", null, discharge.plusDays(2).toString(), null);
        }
        values.put("home_oxygen_at_discharge", "yes");
    }

    private void record(LocalDate day0, String encounterId)
    {
        switch (variant.outcome()) {
            case INCLUDED -> {
                expected.includedRows.add(new SyntheticHospital.ExpectedRow(p.id(), day0, encounterId, null));
                List<String> row = new ArrayList<>();
                for (String column : CASE_COLUMNS) {
                    row.add(column.equals("patient_id") ? p.id() : values.getOrDefault(column, ""));
                }
                expected.included.add(new SyntheticHospital.ExpectedCase(p.id(), day0, String.join(",", row), measurementRows, ctRows));
            }
            case EXCLUDED -> expected.excluded.add(new SyntheticHospital.ExpectedRow(p.id(), null, encounterId, variant.reason()));
            case NOT_A_CANDIDATE -> { }
        }
    }

}
