package org.casebook.screening.rules;

import java.util.Optional;

import org.casebook.codeset.CodeSet;
import org.casebook.codeset.CodeSetMatch;
import org.casebook.screening.fhir.Coding;
import org.casebook.screening.fhir.Concept;

/**
 * Matches a record's CodeableConcept against a code set: by system and code first (prefix and
 * ICD-10 rules live in the code set), then by the set's text terms in {@code CodeableConcept.text}
 * or any {@code coding.display}. Only codes listed in the set match: there is no hierarchy.
 */
public final class ConceptMatcher
{
    private ConceptMatcher() {}

    public static Optional<CodeSetMatch> match(CodeSet codeSet, Concept concept)
    {
        for (Coding coding : concept.codings()) {
            Optional<CodeSetMatch> match = codeSet.matchCoding(coding.system(), coding.code());
            if (match.isPresent()) {
                return match;
            }
        }
        if (!codeSet.hasTextTerms()) {
            return Optional.empty();
        }
        Optional<CodeSetMatch> byText = codeSet.matchText(concept.text());
        for (Coding coding : concept.codings()) {
            if (byText.isPresent()) {
                break;
            }
            byText = codeSet.matchText(coding.display());
        }
        return byText;
    }

    public static boolean matches(CodeSet codeSet, Concept concept)
    {
        return match(codeSet, concept).isPresent();
    }
}
