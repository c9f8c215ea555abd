package org.casebook.yaml;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Parses YAML text into a {@link YamlNode} tree that remembers the line of every key. Jackson's
 * tree model drops locations, so the tree is built here from the streaming parser's tokens.
 */
public final class YamlDocuments
{
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlDocuments() {}

    /**
     * @param file name used in error messages
     * @throws YamlFormatException if the text is not well-formed YAML or repeats a key
     */
    public static YamlNode parse(String file, String text)
    {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new YamlFormatException(file, 1, "", "the file is empty");
            }
            JsonNode root = read(parser, file, "", lines);
            return new YamlNode(root, file, "", 1, lines);
        }
        catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new YamlFormatException(file, line, "", "not valid YAML: " + e.getOriginalMessage());
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode read(JsonParser parser, String file, String key, Map<String, Integer> lines)
            throws IOException
    {
        lines.putIfAbsent(key, parser.currentTokenLocation().getLineNr());
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> readObject(parser, file, key, lines);
            case START_ARRAY -> readArray(parser, file, key, lines);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new YamlFormatException(file, parser.currentTokenLocation().getLineNr(), key, "unexpected " + token);
        };
    }

    private static ObjectNode readObject(JsonParser parser, String file, String key, Map<String, Integer> lines)
            throws IOException
    {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String childKey = key.isEmpty() ? name : key + "." + name;
            int line = parser.currentTokenLocation().getLineNr();
            if (object.has(name)) {
                throw new YamlFormatException(file, line, childKey, "key written twice");
            }
            lines.put(childKey, line);
            parser.nextToken();
            object.set(name, read(parser, file, childKey, lines));
        }
        return object;
    }

    private static ArrayNode readArray(JsonParser parser, String file, String key, Map<String, Integer> lines)
            throws IOException
    {
        ArrayNode array = NODES.arrayNode();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(read(parser, file, key + "[" + index++ + "]", lines));
        }
        return array;
    }
}
