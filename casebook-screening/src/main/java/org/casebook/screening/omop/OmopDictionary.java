package org.casebook.screening.omop;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * What the vocabulary tables tell the reading of every other table: the concepts (as far as the
 * protocol's code sets can match them), ancestors and drug strengths ({@link OmopVocabulary}),
 * each vocabulary's reference, and CDM_SOURCE's release date (which marks an open stay). Read
 * once, before the tables that name patients; serializable, so that the Spark engine reads it on
 * the driver and sends it to every task.
 */
public final class OmopDictionary
        implements Serializable
{
    final OmopVocabulary vocabulary;
    final Map<String, String> vocabularyReferences = new HashMap<>();
    LocalDate releaseDate;

    OmopDictionary(OmopVocabulary vocabulary)
    {
        this.vocabulary = vocabulary;
    }
}
