package org.casebook.screening.omop;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.casebook.codeset.CodeSet;
import org.casebook.codeset.CodeSetEntry;
import org.casebook.codeset.CodeSystems;
import org.casebook.protocol.StudyProtocol;
import org.casebook.screening.fhir.Coding;

/**
 * The codings a protocol's code sets can match: the only concepts screening needs whole. Exact
 * codes are looked up in a set (a full vocabulary has millions of concepts to test); entries
 * ending in {@code *} are tried one by one, as {@link CodeSetEntry#matches} does.
 */
final class ProtocolCodings
{
    private ProtocolCodings() {}

    static Predicate<Coding> of(StudyProtocol protocol)
    {
        Set<String> exact = new HashSet<>();
        List<CodeSetEntry> prefixes = new ArrayList<>();
        for (CodeSet codeSet : protocol.codeSets().values()) {
            for (CodeSetEntry entry : codeSet.entries()) {
                if (entry.isText()) {
                    continue;
                }
                if (entry.code().endsWith("*")) {
                    prefixes.add(entry);
                }
                else {
                    exact.add(key(entry.system(), entry.code()));
                }
            }
        }
        return coding -> coding.system() != null && coding.code() != null
                && (exact.contains(key(coding.system(), coding.code())) || prefixes.stream().anyMatch(entry -> entry.matches(coding.system(), coding.code())));
    }

    private static String key(String system, String code)
    {
        return system + '|' + (CodeSystems.isIcd10(system) ? CodeSystems.normalizeIcd10(code) : code);
    }
}
