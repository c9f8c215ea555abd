package org.casebook.screening.generic;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads one NDJSON line's bytes into the top-level fields the generic engine reads of its type,
 * each built exactly as {@link ObjectMapper#readTree} builds it; the rest of the line is skipped by
 * the streaming parser (still tokenized, so still checked), never built into a tree (ints as int,
 * long or big integer nodes by size, decimals as the mapper's settings say). Returns null
 * when the line is anything but one well-formed JSON object (bad JSON, trailing content, bytes that
 * are not UTF-8): the caller then reads it the simple way, so every outcome and message is the
 * tree reader's. One non-blocking parser is fed line after line. Not thread-safe.
 */
final class LineFields
{
    private static final Set<String> ALWAYS = Set.of("resourceType", "id", "subject");
    private static final Set<String> MEDICATION_RECORD = Set.of("status", "medicationCodeableConcept", "medicationReference", "contained", "statusReason",
            "effectiveDateTime", "effectivePeriod", "dateAsserted");

    /** The top-level fields each type's records and facts are made of (GenericExtractReader reads no others). */
    static final Map<String, Set<String>> FIELDS = Map.ofEntries(
            Map.entry("Patient", Set.of("birthDate", "gender", "deceasedDateTime")),
            Map.entry("Medication", Set.of("code")),
            Map.entry("Encounter", Set.of("status", "reasonCode", "reasonReference", "diagnosis", "period", "class")),
            Map.entry("Condition", Set.of("verificationStatus", "code", "onsetDateTime", "onsetPeriod", "recordedDate", "encounter", "abatementDateTime")),
            Map.entry("MedicationAdministration", union(MEDICATION_RECORD, Set.of("dosage"))),
            Map.entry("MedicationRequest", union(MEDICATION_RECORD, Set.of("authoredOn", "dosageInstruction", "dispenseRequest"))),
            Map.entry("MedicationStatement", union(MEDICATION_RECORD, Set.of("dosage"))),
            Map.entry("Observation", Set.of("status", "code", "effectiveDateTime", "effectivePeriod", "effectiveInstant", "valueQuantity", "valueCodeableConcept")),
            Map.entry("Procedure", Set.of("status", "code", "performedDateTime", "performedPeriod")),
            Map.entry("DeviceRequest", Set.of("status", "codeCodeableConcept", "authoredOn", "occurrenceDateTime", "occurrencePeriod")),
            Map.entry("ImagingStudy", Set.of("status", "procedureCode", "started", "modality", "series")));

    private final ObjectMapper mapper;
    /** Whether the mapper reads decimals as BigDecimal (its node factory then decides whether they stay as written). */
    private final boolean bigDecimals;
    private JsonParser parser;

    LineFields(ObjectMapper mapper)
    {
        this.mapper = mapper;
        this.bigDecimals = mapper.isEnabled(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    private static Set<String> union(Set<String> first, Set<String> second)
    {
        Set<String> all = new java.util.HashSet<>(first);
        all.addAll(second);
        return Set.copyOf(all);
    }

    /** The line's kept fields, or null when the line is not simply one JSON object. */
    ObjectNode read(Set<String> fields, byte[] buffer, int start, int length)
    {
        boolean complete = false;
        try {
            if (parser == null) {
                parser = mapper.getFactory().createNonBlockingByteArrayParser();
            }
            ((ByteArrayFeeder) parser.getNonBlockingInputFeeder()).feedInput(buffer, start, start + length);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode node = mapper.getNodeFactory().objectNode();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == null || value == JsonToken.NOT_AVAILABLE) {
                    return null;
                }
                if (ALWAYS.contains(name) || fields.contains(name)) {
                    node.set(name, tree(parser, value));
                }
                else if (!skip(parser)) {
                    return null;
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != JsonToken.NOT_AVAILABLE) {
                return null;
            }
            complete = true;
            return node;
        }
        catch (IOException | RuntimeException e) {
            return null;
        }
        finally {
            if (!complete) {
                parser = null;
            }
        }
    }

    /**
     * The tree of the value at {@code token}, with the node types {@link ObjectMapper#readTree} gives
     * (ints as int, long or big integer nodes by size, other numbers as double nodes; a duplicate key's
     * last value); a number that is no finite double is left to the tree reader.
     */
    private JsonNode tree(JsonParser parser, JsonToken token)
            throws IOException
    {
        JsonNodeFactory nodes = mapper.getNodeFactory();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.set(name, tree(parser, parser.nextToken()));
                }
                if (next != JsonToken.END_OBJECT) {
                    throw new Incomplete();
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(tree(parser, next));
                }
                return array;
            }
            case VALUE_STRING -> {
                return nodes.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                if (bigDecimals) {
                    return nodes.numberNode(parser.getDecimalValue());
                }
                double value = parser.getDoubleValue();
                if (!Double.isFinite(value)) {
                    throw new Incomplete();
                }
                return nodes.numberNode(value);
            }
            case VALUE_TRUE -> {
                return nodes.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return nodes.booleanNode(false);
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> throw new Incomplete();
        }
    }

    /** The line is left to the tree reader (it ends inside a value, or holds what only it decides). */
    private static final class Incomplete
            extends RuntimeException
    {
        Incomplete()
        {
            super(null, null, false, false);
        }
    }

    /** Skips the value at the current token; false when the line ends inside it. */
    private static boolean skip(JsonParser parser)
            throws IOException
    {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            return true;
        }
        int depth = 1;
        while (depth > 0) {
            JsonToken next = parser.nextToken();
            if (next == null || next == JsonToken.NOT_AVAILABLE) {
                return false;
            }
            if (next == JsonToken.START_OBJECT || next == JsonToken.START_ARRAY) {
                depth++;
            }
            else if (next == JsonToken.END_OBJECT || next == JsonToken.END_ARRAY) {
                depth--;
            }
        }
        return true;
    }
}
