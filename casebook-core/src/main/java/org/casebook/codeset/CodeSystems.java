package org.casebook.codeset;

import java.util.Locale;

/** Well-known code system URIs and their comparison rules. */
public final class CodeSystems
{
    public static final String ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    public static final String SNOMED_CT = "http://snomed.info/sct";
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String ATC = "http://www.whocc.no/atc";
    public static final String LOINC = "http://loinc.org";

    private CodeSystems() {}

    /** ICD-10 and its national modifications write codes with or without the dot, in either case. */
    public static boolean isIcd10(String system)
    {
        String lower = system.toLowerCase(Locale.ROOT);
        return lower.contains("icd-10") || lower.contains("icd10");
    }

    public static String normalizeIcd10(String code)
    {
        return code.replace(".", "").strip().toUpperCase(Locale.ROOT);
    }
}
