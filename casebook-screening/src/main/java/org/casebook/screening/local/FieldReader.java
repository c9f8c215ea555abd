package org.casebook.screening.local;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Parses one NDJSON line at a time into the top-level fields screening reads of its type (decimals
 * kept exact); the rest of the line is skipped by the streaming parser, never built into a tree.
 * Not thread-safe: one per reading thread.
 */
final class FieldReader
{
    private final JsonFactory jsonFactory;
    private final JsonNodeFactory nodes = JsonNodeFactory.withExactBigDecimals(true);

    /** Fields whose values are (nearly) unique to each record, so not worth sharing. */
    private static final java.util.Set<String> UNIQUE_FIELDS = java.util.Set.of("id", "reference");
    private static final int MAX_SHARED = 1 << 16;

    /**
     * Code systems, codes, displays, units and statuses repeat across millions of records: records
     * kept for later share one copy of each (up to a bound), so the heap holds facts, not duplicates.
     */
    private final java.util.Map<String, String> shared = new java.util.HashMap<>();

    private String repeated(String text)
    {
        String known = shared.get(text);
        if (known != null) {
            return known;
        }
        if (shared.size() < MAX_SHARED) {
            shared.put(text, text);
        }
        return text;
    }

    FieldReader(JsonFactory jsonFactory)
    {
        this.jsonFactory = jsonFactory;
    }

    /**
     * One non-blocking parser is fed line after line (creating a parser per line costs more than
     * parsing the fields screening reads); it is replaced after a line it could not parse.
     */
    private JsonParser lineParser;

    /** Streams one JSON object, building trees only for the top-level fields the type keeps. */
    ObjectNode readFields(ResourceType type, byte[] buffer, int start, int length)
            throws IOException
    {
        if (lineParser == null) {
            lineParser = jsonFactory.createNonBlockingByteArrayParser();
        }
        JsonParser parser = lineParser;
        boolean complete = false;
        try {
            ((ByteArrayFeeder) parser.getNonBlockingInputFeeder()).feedInput(buffer, start, start + length);
            if (next(parser) != JsonToken.START_OBJECT) {
                throw new IOException("expected a JSON object");
            }
            ObjectNode node = nodes.objectNode();
            while (next(parser) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                next(parser);
                if (type.keeps(name)) {
                    node.set(name, readValue(parser, name));
                }
                else {
                    skipValue(parser);
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new IOException("unexpected end of input in a JSON object");
            }
            if (parser.nextToken() != JsonToken.NOT_AVAILABLE) {
                throw new IOException("more than one JSON value on the line");
            }
            complete = true;
            return node;
        }
        finally {
            if (!complete) {
                lineParser = null;
            }
        }
    }

    /** The next token, where running out of the line's bytes means the line ends inside a value. */
    private static JsonToken next(JsonParser parser)
            throws IOException
    {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.NOT_AVAILABLE || token == null) {
            throw new IOException("unexpected end of line inside a JSON value");
        }
        return token;
    }

    private static void skipValue(JsonParser parser)
            throws IOException
    {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            return;
        }
        int depth = 1;
        while (depth > 0) {
            JsonToken next = next(parser);
            if (next == JsonToken.START_OBJECT || next == JsonToken.START_ARRAY) {
                depth++;
            }
            else if (next == JsonToken.END_OBJECT || next == JsonToken.END_ARRAY) {
                depth--;
            }
        }
    }

    /** Builds the tree of the value at the parser's current token from Jackson's tokens (decimals kept exact). */
    private JsonNode readValue(JsonParser parser, String field)
            throws IOException
    {
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (next(parser) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    next(parser);
                    object.set(name, readValue(parser, name));
                }
                yield object;
            }
            case START_ARRAY -> {
                var array = nodes.arrayNode();
                while (next(parser) != JsonToken.END_ARRAY) {
                    array.add(readValue(parser, field));
                }
                yield array;
            }
            case VALUE_STRING -> nodes.textNode(UNIQUE_FIELDS.contains(field) ? parser.getText() : repeated(parser.getText()));
            case VALUE_NUMBER_INT -> nodes.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> throw new IOException("unexpected JSON token " + parser.currentToken());
        };
    }

}
