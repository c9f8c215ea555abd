package org.casebook.screening.omop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OMOP's conventions as casebook reads them, from {@code conventions.properties} beside this class
 * (data, not code): vocabulary → code system URI, visit concept → encounter class, drug type
 * concept → medication record type, gender concept → gender (docs/screening.md, "OMOP CDM input").
 */
final class OmopConventions
{
    static final String UNKNOWN_VOCABULARY_PREFIX = "urn:omop:vocabulary:";

    // in file order: the inverse look-ups (for writing) take the first key listed for a value
    private final Map<String, String> vocabularies = new LinkedHashMap<>();
    private final Map<Long, String> visitClasses = new LinkedHashMap<>();
    private final Map<Long, String> drugTypes = new LinkedHashMap<>();
    private final Map<Long, String> genders = new LinkedHashMap<>();

    private OmopConventions(List<String> lines)
    {
        for (String line : lines) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            int dot = key.indexOf('.');
            String group = key.substring(0, dot);
            String name = key.substring(dot + 1);
            switch (group) {
                case "vocabulary" -> vocabularies.put(name, value);
                case "visit" -> visitClasses.put(Long.parseLong(name), value);
                case "drug_type" -> drugTypes.put(Long.parseLong(name), value);
                case "gender" -> genders.put(Long.parseLong(name), value);
                default -> throw new IllegalStateException("conventions.properties: unknown key " + key);
            }
        }
    }

    static OmopConventions standard()
    {
        try (InputStream in = OmopConventions.class.getResourceAsStream("conventions.properties")) {
            return new OmopConventions(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The code system URI of a vocabulary: the one listed; else its VOCABULARY.vocabulary_reference
     * when that is a URI ({@code reference} may be null); else {@code urn:omop:vocabulary:<id>}.
     */
    String system(String vocabularyId, String reference)
    {
        String listed = vocabularies.get(vocabularyId);
        if (listed != null) {
            return listed;
        }
        if (reference != null && (reference.startsWith("http://") || reference.startsWith("https://") || reference.startsWith("urn:"))) {
            return reference;
        }
        return UNKNOWN_VOCABULARY_PREFIX + vocabularyId;
    }

    /** The encounter class of a visit concept, or null. */
    String visitClass(long visitConceptId)
    {
        return visitClasses.get(visitConceptId);
    }

    /** {@code request}, {@code administration}, {@code statement}, or null. */
    String drugRecordType(long drugTypeConceptId)
    {
        return drugTypes.get(drugTypeConceptId);
    }

    /** {@code male}, {@code female}, {@code other}, {@code unknown}, or null. */
    String gender(long genderConceptId)
    {
        return genders.get(genderConceptId);
    }

    /** The listed vocabulary id a code system URI stands for, or null. */
    String vocabulary(String system)
    {
        return vocabularies.entrySet().stream().filter(entry -> entry.getValue().equals(system)).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** The visit concept written for an encounter class (the first listed for it), or null. */
    Long visitConcept(String encounterClass)
    {
        return visitClasses.entrySet().stream().filter(entry -> entry.getValue().equals(encounterClass)).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** The drug type concept written for a record type (the first listed for it), or null. */
    Long drugType(String recordType)
    {
        return drugTypes.entrySet().stream().filter(entry -> entry.getValue().equals(recordType)).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** The gender concept written for a gender, or null. */
    Long genderConcept(String gender)
    {
        return genders.entrySet().stream().filter(entry -> entry.getValue().equals(gender)).map(Map.Entry::getKey).findFirst().orElse(null);
    }
}
