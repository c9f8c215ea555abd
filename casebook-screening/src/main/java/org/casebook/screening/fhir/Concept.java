package org.casebook.screening.fhir;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A FHIR CodeableConcept: codings and free text (either may be missing). */
public record Concept(String text, List<Coding> codings) implements java.io.Serializable
{
    public static final Concept EMPTY = new Concept(null, List.of());

    public Concept
    {
        codings = List.copyOf(requireNonNull(codings, "codings is null"));
    }

    public static Concept coded(String system, String code, String display)
    {
        return new Concept(null, List.of(new Coding(system, code, display)));
    }

    public boolean hasCode(String system, String code)
    {
        return codings.stream().anyMatch(coding -> system.equals(coding.system()) && code.equals(coding.code()));
    }
}
