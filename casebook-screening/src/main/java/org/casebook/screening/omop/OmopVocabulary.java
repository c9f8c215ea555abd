package org.casebook.screening.omop;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.casebook.screening.fhir.Coding;

/**
 * The vocabulary tables as screening needs them: CONCEPT (id → code system, code, name),
 * CONCEPT_ANCESTOR (a drug product's ingredients and classes) and DRUG_STRENGTH (an ingredient's
 * amount per unit of a product).
 * <p>
 * A full Athena vocabulary holds millions of concepts and tens of millions of ancestor rows, of
 * which a study uses a few hundred. With a {@code wanted} test (the protocol's code sets), only
 * the concepts it matches and the units are kept whole; any other concept is kept as its id
 * alone (so a row naming an id CONCEPT lacks is still told from one naming an unused concept),
 * and only ancestor rows leading to a kept concept and strengths of the products they reach are
 * kept. Screening matches records only against the code sets, so what it finds is the same.
 */
final class OmopVocabulary
        implements java.io.Serializable
{
    /** A concept as a coding: the vocabulary's code system URI, the concept code, the concept name. */
    record OmopConcept(long id, String vocabularyId, Coding coding) implements java.io.Serializable {}

    /** One DRUG_STRENGTH row with an amount: so much ingredient (in the unit's UCUM code) per unit of the product. */
    record Strength(long ingredientId, BigDecimal amount, String unit) implements java.io.Serializable {}

    /** Needed while CONCEPT is read only: a vocabulary sent to Spark tasks travels without it. */
    private final transient Predicate<Coding> wanted;
    private final Map<Long, OmopConcept> concepts = new HashMap<>();
    private final Map<Long, List<Long>> ancestors = new HashMap<>();
    private final Map<Long, List<Strength>> strengths = new HashMap<>();
    private long[] otherIds = new long[1024];
    private int otherCount;
    private boolean otherSorted = true;

    /** Every concept kept whole. */
    OmopVocabulary()
    {
        this(null);
    }

    /** @param wanted the codings kept whole (besides units), or null for all */
    OmopVocabulary(Predicate<Coding> wanted)
    {
        this.wanted = wanted;
    }

    /** @param unit whether the concept is a unit (UCUM, or domain Unit): units are always kept, doses and values need their codes */
    void addConcept(OmopConcept concept, boolean unit)
    {
        if (wanted == null || unit || wanted.test(concept.coding())) {
            concepts.putIfAbsent(concept.id(), concept);
            return;
        }
        if (otherCount == otherIds.length) {
            otherIds = Arrays.copyOf(otherIds, otherIds.length * 2);
        }
        otherIds[otherCount++] = concept.id();
        otherSorted = false;
    }

    void addAncestor(long descendant, long ancestor)
    {
        if (descendant != ancestor && (wanted == null || concepts.containsKey(ancestor))) {
            ancestors.computeIfAbsent(descendant, key -> new ArrayList<>()).add(ancestor);
        }
    }

    void addStrength(long drug, Strength strength)
    {
        if (wanted == null || concepts.containsKey(drug) || ancestors.containsKey(drug)) {
            strengths.computeIfAbsent(drug, key -> new ArrayList<>()).add(strength);
        }
    }

    /** The concept kept whole, or null (not in CONCEPT, or not wanted: see {@link #knows}). */
    OmopConcept concept(long id)
    {
        return concepts.get(id);
    }

    /** Whether CONCEPT has this id, kept whole or not. */
    boolean knows(long id)
    {
        if (concepts.containsKey(id)) {
            return true;
        }
        sortIds();
        return Arrays.binarySearch(otherIds, 0, otherCount, id) >= 0;
    }

    /** Sorts the other concepts' ids now, so that threads sharing a finished vocabulary (Spark tasks) only read it. */
    void sortIds()
    {
        if (!otherSorted) {
            Arrays.sort(otherIds, 0, otherCount);
            otherSorted = true;
        }
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
