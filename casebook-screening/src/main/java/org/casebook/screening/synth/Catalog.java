package org.casebook.screening.synth;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonGenerator;

import static org.casebook.screening.synth.SyntheticHospital.ICD10CM;
import static org.casebook.screening.synth.SyntheticHospital.RXNORM;
import static org.casebook.screening.synth.SyntheticHospital.SNOMED;

/** The synthetic hospital's formulary and code lists. */
final class Catalog
{
    static final String[] FAMILY_NAMES = {"Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato"};

    /** The JAK inhibitors, their RxNorm ingredient codes and usual single doses. */
    enum JakInhibitor
    {
        UPADACITINIB("2196092", "15"),
        BARICITINIB("2047232", "4"),
        TOFACITINIB("1357536", "5");

        final String rxnorm;
        final BigDecimal doseMg;

        JakInhibitor(String rxnorm, String doseMg)
        {
            this.rxnorm = rxnorm;
            this.doseMg = new BigDecimal(doseMg);
        }

        String agent()
        {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        Drug.Code code()
        {
            return Drug.Code.of(RXNORM, rxnorm, agent());
        }

        String medicationId()
        {
            return "med-" + agent();
        }
    }

    static final Drug.Code METHYLPREDNISOLONE = Drug.Code.of(RXNORM, "6902", "methylprednisolone");
    static final Drug.Code PREDNISOLONE = Drug.Code.of(RXNORM, "8638", "prednisolone");
    static final Drug.Code METHOTREXATE = Drug.Code.of(RXNORM, "6851", "methotrexate");
    static final Drug.Code OXYGEN = Drug.Code.of(RXNORM, "7806", "oxygen");
    static final Drug.Code OXYGEN_THERAPY = Drug.Code.of(SNOMED, "57485005", "Oxygen therapy");
    static final Drug.Code[] COMMON_DRUGS = {
            Drug.Code.of(RXNORM, "6809", "metformin"),
            Drug.Code.of(RXNORM, "29046", "lisinopril"),
            Drug.Code.of(RXNORM, "83367", "atorvastatin"),
            Drug.Code.of(RXNORM, "17767", "amlodipine"),
            Drug.Code.of(RXNORM, "161", "acetaminophen"),
    };
    static final String[][] COMMON_CONDITIONS = {
            {SNOMED, "38341003", "Hypertensive disorder"},
            {SNOMED, "44054006", "Diabetes mellitus type 2"},
            {SNOMED, "195967001", "Asthma"},
            {SNOMED, "55822004", "Hyperlipidemia"},
            {ICD10CM, "K21.9", "Gastro-esophageal reflux disease without esophagitis"},
    };
    static final String[][] RA_CODES = {
            {ICD10CM, "M06.9", "Rheumatoid arthritis, unspecified"},
            {SNOMED, "69896004", "Rheumatoid arthritis"},
            {ICD10CM, "M05.79", "Rheumatoid arthritis with rheumatoid factor of multiple sites"},
            {ICD10CM, "m0579", "Rheumatoid arthritis with rheumatoid factor of multiple sites"},
    };
    /** ILD codes that are not also RA codes (M05.1 is both). */
    static final String[][] ILD_CODES = {
            {ICD10CM, "J84.10", "Pulmonary fibrosis, unspecified"},
            {SNOMED, "233703007", "Interstitial lung disease"},
            {ICD10CM, "J84.112", "Idiopathic pulmonary fibrosis"},
            {ICD10CM, "j8489", "Other specified interstitial pulmonary diseases"},
    };

    private Catalog() {}

    static void writeMedications(BulkExportWriter out)
            throws IOException
    {
        for (JakInhibitor drug : JakInhibitor.values()) {
            medication(out, drug.medicationId(), drug.code());
        }
        medication(out, "med-methylprednisolone", METHYLPREDNISOLONE);
        medication(out, "med-methotrexate", METHOTREXATE);
    }

    private static void medication(BulkExportWriter out, String id, Drug.Code code)
            throws IOException
    {
        JsonGenerator json = out.begin("Medication", "Medication", id);
        BulkExportWriter.concept(json, "code", code.system(), code.code(), code.display(), code.text());
        out.end(json);
    }
}
