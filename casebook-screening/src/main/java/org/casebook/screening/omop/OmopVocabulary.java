package org.casebook.screening.omop;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.casebook.screening.fhir.Coding;

/**
 * The vocabulary tables as screening needs them: CONCEPT (id → code system, code, name),
 * CONCEPT_ANCESTOR (a drug product's ingredients and classes) and DRUG_STRENGTH (an ingredient's
 * amount per unit of a product).
 */
final class OmopVocabulary
{
    /** A concept as a coding: the vocabulary's code system URI, the concept code, the concept name. */
    record OmopConcept(long id, String vocabularyId, Coding coding) {}

    /** One DRUG_STRENGTH row with an amount: so much ingredient (in the unit's UCUM code) per unit of the product. */
    record Strength(long ingredientId, BigDecimal amount, String unit) {}

    private final Map<Long, OmopConcept> concepts = new HashMap<>();
    private final Map<Long, List<Long>> ancestors = new HashMap<>();
    private final Map<Long, List<Strength>> strengths = new HashMap<>();

    void addConcept(OmopConcept concept)
    {
        concepts.putIfAbsent(concept.id(), concept);
    }

    void addAncestor(long descendant, long ancestor)
    {
        if (descendant != ancestor) {
            ancestors.computeIfAbsent(descendant, key -> new ArrayList<>()).add(ancestor);
        }
    }

    void addStrength(long drug, Strength strength)
    {
        strengths.computeIfAbsent(drug, key -> new ArrayList<>()).add(strength);
    }

    OmopConcept concept(long id)
    {
        return concepts.get(id);
    }

    boolean knows(long id)
    {
        return concepts.containsKey(id);
    }

    /** The ancestors CONCEPT_ANCESTOR lists for a concept (its ingredients and classes for a drug product); empty when the table has none. */
    List<Long> ancestors(long id)
    {
        return ancestors.getOrDefault(id, List.of());
    }

    List<Strength> strengths(long drug)
    {
        return strengths.getOrDefault(drug, List.of());
    }
}
