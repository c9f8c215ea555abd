package org.casebook.codeset;

import java.util.Locale;
import java.util.Optional;

/**
 * One line of a code set: either a coded concept ({@code system} + {@code code}, where a trailing
 * {@code *} matches every code with that prefix) or a {@code text} term matched case-insensitively
 * as a substring of a record's text or display. Entries of drug code sets name their
 * {@code agent} (the ingredient) so a match says which drug it was.
 */
public record CodeSetEntry(String system, String code, String text, String agent, String display)
{
    public CodeSetEntry
    {
        boolean coded = system != null && code != null;
        boolean textual = text != null;
        if (coded == textual) {
            throw new IllegalArgumentException("an entry has either system and code, or text");
        }
        if (text != null) {
            text = text.toLowerCase(Locale.ROOT);
        }
    }

    public static CodeSetEntry coded(String system, String code, String agent)
    {
        return new CodeSetEntry(system, code, null, agent, null);
    }

    public static CodeSetEntry textTerm(String text, String agent)
    {
        return new CodeSetEntry(null, null, text, agent, null);
    }

    public boolean isText()
    {
        return text != null;
    }

    public Optional<String> findAgent()
    {
        return Optional.ofNullable(agent);
    }

    /** Whether a record's coding matches this entry; ICD-10 codes compare ignoring the dot and case. */
    public boolean matches(String codingSystem, String codingCode)
    {
        if (isText() || codingSystem == null || codingCode == null || !system.equals(codingSystem)) {
            return false;
        }
        boolean icd10 = CodeSystems.isIcd10(system);
        String wanted = icd10 ? CodeSystems.normalizeIcd10(code) : code;
        String actual = icd10 ? CodeSystems.normalizeIcd10(codingCode) : codingCode;
        if (wanted.endsWith("*")) {
            return actual.startsWith(wanted.substring(0, wanted.length() - 1));
        }
        return actual.equals(wanted);
    }

    /** Whether a record's free text (CodeableConcept.text or coding.display) contains this term. */
    public boolean matchesText(String recordText)
    {
        return isText() && recordText != null && recordText.toLowerCase(Locale.ROOT).contains(text);
    }
}
