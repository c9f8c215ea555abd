package org.casebook.screening.synth;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;

import static org.casebook.screening.synth.SyntheticHospital.ICD10CM;
import static org.casebook.screening.synth.SyntheticHospital.at;

/**
 * A patient of the hospital's everyday population: outpatient visits with vital signs and blood
 * counts, common conditions and drugs; some with RA, ILD or both, and admissions of every kind.
 * ILD admissions in the study window make candidates whose expected exclusion is recorded.
 */
final class BackgroundPatient
{
    private static final LocalDate EPOCH = LocalDate.of(2019, 1, 1);

    private final SyntheticHospital.PatientWriter p;
    private final SyntheticHospital.Expected expected;

    BackgroundPatient(SyntheticHospital.PatientWriter patient, SyntheticHospital.Expected expected)
    {
        this.p = patient;
        this.expected = expected;
    }

    void write()
            throws IOException
    {
        double kind = p.random.nextDouble();
        boolean ra = kind >= 0.55 && kind < 0.70 || kind >= 0.78 && kind < 0.86;
        boolean ild = kind >= 0.70 && kind < 0.86;
        boolean otherInpatient = kind >= 0.86;
        LocalDate birth = LocalDate.of(p.between(1935, 2005), p.between(1, 12), p.between(1, 28));
        String deceased = p.chance(0.02) ? at(EPOCH.plusDays(p.between(0, 2300)), p.between(0, 23), 0) : null;
        p.patient(birth, p.chance(0.5) ? "female" : "male", deceased);
        int visits = p.between(3, 7);
        for (int visit = 0; visit < visits; visit++) {
            LocalDate date = EPOCH.plusDays(p.between(0, 2370));
            String start = at(date, p.between(8, 16), p.between(0, 59));
            String encounterId = p.encounter("AMB", "finished", start, at(date, 17, 30), null);
            p.vitalsAndLabs(start, encounterId);
        }
        for (int index = p.between(0, 2); index > 0; index--) {
            String[] condition = Catalog.COMMON_CONDITIONS[p.random.nextInt(Catalog.COMMON_CONDITIONS.length)];
            p.condition(condition[0], condition[1], condition[2], "confirmed", EPOCH.minusDays(p.between(0, 3000)).toString(), null, null);
        }
        for (int index = p.between(0, 3); index > 0; index--) {
            Drug.Code drug = Catalog.COMMON_DRUGS[p.random.nextInt(Catalog.COMMON_DRUGS.length)];
            p.medication(Drug.coded(Drug.Kind.REQUEST, "active", drug, EPOCH.plusDays(p.between(0, 2300)).toString()).withDose(BigDecimal.TEN, "mg"));
        }
        p.procedure("73761001", "Colonoscopy", at(EPOCH.plusDays(p.between(0, 2300)), 10, 0));
        String raOnset = EPOCH.minusDays(p.between(30, 5000)).toString();
        if (ra) {
            String[] code = Catalog.RA_CODES[p.random.nextInt(Catalog.RA_CODES.length)];
            p.condition(code[0], code[1], code[2], "confirmed", raOnset, raOnset, null);
            p.medication(Drug.coded(Drug.Kind.REQUEST, "active", Catalog.METHOTREXATE, raOnset).withDose(new BigDecimal("7.5"), "mg"));
            if (p.chance(0.2)) {
                // An earlier JAK inhibitor, long finished: never during a 2024 stay.
                Catalog.JakInhibitor drug = Catalog.JakInhibitor.values()[p.random.nextInt(3)];
                p.medication(Drug.coded(Drug.Kind.STATEMENT, "completed", drug.code(), "2020-03-01").withEnd("2021-02-01").withDose(drug.doseMg, "mg"));
            }
        }
        if (ild) {
            String[] code = Catalog.ILD_CODES[p.random.nextInt(Catalog.ILD_CODES.length)];
            String ildId = p.condition(code[0], code[1], code[2], "confirmed", EPOCH.minusDays(p.between(0, 2000)).toString(), null, null);
            if (p.chance(ra ? 0.4 : 0.35)) {
                ildAdmission(ildId, ra);
            }
        }
        if (otherInpatient) {
            otherAdmission();
        }
    }

    /** A 2024 ILD admission without a JAK inhibitor: excluded at ra (no RA), glucocorticoid or jak_inhibitor. */
    private void ildAdmission(String ildId, boolean ra)
            throws IOException
    {
        LocalDate admission = LocalDate.of(2024, 1, 1).plusDays(p.between(0, 340));
        int stay = p.between(5, 20);
        String start = at(admission, p.between(8, 20), 0);
        String encounterId = p.encounter("IMP", "finished", start, at(admission.plusDays(stay), 11, 0), SyntheticHospital.PatientWriter.Reason.condition(ildId));
        p.vitalsAndLabs(start, encounterId);
        boolean methylprednisolone = ra && p.chance(0.5);
        if (methylprednisolone) {
            p.medication(Drug.coded(Drug.Kind.ADMINISTRATION, "completed", Catalog.METHYLPREDNISOLONE, at(admission.plusDays(1), 10, 0)).withDose(new BigDecimal("125"), "mg"));
        }
        String reason = !ra ? "ra" : methylprednisolone ? "jak_inhibitor" : "glucocorticoid";
        expected.excluded.add(new SyntheticHospital.ExpectedRow(p.id(), null, encounterId, reason));
    }

    /** An admission of another kind: inpatient, emergency or acute care for pneumonia; never for ILD. */
    private void otherAdmission()
            throws IOException
    {
        String[] classes = {"IMP", "EMER", "ACUTE", "NONAC", "HH", "SS"};
        LocalDate admission = EPOCH.plusDays(p.between(0, 2300));
        String start = at(admission, p.between(0, 23), p.between(0, 59));
        String encounterId = p.encounter(classes[p.random.nextInt(classes.length)], "finished", start, at(admission.plusDays(p.between(1, 12)), 12, 0),
                SyntheticHospital.PatientWriter.Reason.code(ICD10CM, "J18.9", "Pneumonia, unspecified organism"));
        p.vitalsAndLabs(start, encounterId);
        if (p.chance(0.3)) {
            p.medication(Drug.coded(Drug.Kind.ADMINISTRATION, "completed", Catalog.PREDNISOLONE, at(admission.plusDays(1), 9, 0)).withDose(new BigDecimal("30"), "mg"));
        }
    }
}
