package org.casebook.screening.omop;

import java.util.List;
import java.util.function.Predicate;

import org.casebook.codeset.CodeSet;
import org.casebook.protocol.StudyProtocol;
import org.casebook.screening.fhir.Coding;

/**
 * The codings a protocol's code sets can match: the only concepts screening needs whole. Each
 * code set already indexes its codes by code system ({@link CodeSet#matchCoding}), so testing the
 * millions of concepts of a full vocabulary stays a lookup per code set.
 */
final class ProtocolCodings
{
    private ProtocolCodings() {}

    static Predicate<Coding> of(StudyProtocol protocol)
    {
        List<CodeSet> codeSets = List.copyOf(protocol.codeSets().values());
        return coding -> {
            for (CodeSet codeSet : codeSets) {
                if (codeSet.matchCoding(coding.system(), coding.code()).isPresent()) {
                    return true;
                }
            }
            return false;
        };
    }
}
