package org.casebook.screening.omop;

import java.util.List;
import java.util.function.Predicate;

import org.casebook.codeset.CodeSet;
import org.casebook.protocol.StudyProtocol;
import org.casebook.screening.fhir.Coding;

/** The codings a protocol's code sets can match: the only concepts screening needs whole. */
final class ProtocolCodings
{
    private ProtocolCodings() {}

    static Predicate<Coding> of(StudyProtocol protocol)
    {
        List<CodeSet> codeSets = List.copyOf(protocol.codeSets().values());
        return coding -> coding.system() != null && coding.code() != null
                && codeSets.stream().anyMatch(codeSet -> codeSet.matchCoding(coding.system(), coding.code()).isPresent());
    }
}
