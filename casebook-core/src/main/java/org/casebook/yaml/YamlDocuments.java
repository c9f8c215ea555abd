package org.casebook.yaml;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.casebook.error.Messages;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Parses YAML text into a {@link YamlNode} tree that remembers the line of every key. Jackson's
 * tree model drops locations, so the tree is built here from the streaming parser's tokens.
 *
 * <p>Protocol and code-set files are small, so the reader refuses what only a damaged or hostile
 * file holds, each with its line: more than {@link #MAX_CHARACTERS} characters, nesting deeper
 * than {@link #MAX_DEPTH}, an alias ({@code *name}: Jackson would read it as the anchor's name, and
 * aliases are how "billion laughs" documents grow), a second document after {@code ---}, and
 * numbers beyond ±1e100 (or closer to 0 than 1e-100) or not finite ({@code .inf}, {@code .nan}).
 */
public final class YamlDocuments
{
    /** The most characters a protocol or code-set file may have (a code set of tens of thousands of codes fits). */
    public static final int MAX_CHARACTERS = 4 * 1024 * 1024;
    /** The deepest nesting of mappings and lists. */
    public static final int MAX_DEPTH = 40;
    private static final int MAX_SCALAR_CHARACTERS = 100_000;
    private static final int MAX_KEY_CHARACTERS = 1_000;
    /** Bounds the memory of the located keys ({@code timepoints[1].window_days}) that a deep, wide document would multiply. */
    private static final long MAX_KEY_PATH_CHARACTERS = 32L * 1024 * 1024;
    private static final int MAX_EXPONENT = 100;

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH + 1)
                    .maxNumberLength(MAX_EXPONENT * 4)
                    .maxStringLength(MAX_CHARACTERS)
                    .maxDocumentLength(MAX_CHARACTERS)
                    .build())
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlDocuments() {}

    private static LoaderOptions loaderOptions()
    {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARACTERS);
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH + 1);
        return options;
    }

    /**
     * @param file name used in error messages
     * @throws YamlFormatException if the text is not well-formed YAML, repeats a key or is beyond the limits above
     */
    public static YamlNode parse(String file, String text)
    {
        if (text.length() > MAX_CHARACTERS) {
            throw new YamlFormatException(file, 1, "", "the file has " + text.length() + " characters; a protocol or code-set file may have at most " + MAX_CHARACTERS);
        }
        Lines lines = new Lines();
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new YamlFormatException(file, 1, "", "the file is empty");
            }
            JsonNode root = read(parser, file, "", lines, 0);
            if (parser.nextToken() != null) {
                throw new YamlFormatException(file, parser.currentTokenLocation().getLineNr(), "",
                        "a second YAML document (after ---); a protocol or code-set file holds one document");
            }
            return new YamlNode(root, file, "", 1, lines.lines);
        }
        catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new YamlFormatException(file, Math.max(line, 1), "", "not valid YAML: " + problem(e.getOriginalMessage()));
        }
        catch (RuntimeException e) {
            if (e instanceof YamlFormatException) {
                throw e;
            }
            // SnakeYAML's own limits and scanner errors (YAMLException) are not Jackson exceptions
            throw new YamlFormatException(file, 1, "", "not valid YAML: " + problem(e.getMessage()));
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * SnakeYAML's message without its excerpts of the file ("in 'reader', line 5, column 57:" and
     * the quoted line with a caret): the line is in the location, and the file may not be YAML at all.
     */
    private static String problem(String message)
    {
        if (message == null || message.isBlank()) {
            return "unreadable";
        }
        String problem = String.join("; ", message.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .map(String::strip)
                .toList());
        return Messages.shorten(problem.isEmpty() ? message.strip() : problem, 300);
    }

    private static JsonNode read(JsonParser parser, String file, String key, Lines lines, int depth)
            throws IOException
    {
        int line = parser.currentTokenLocation().getLineNr();
        lines.putIfAbsent(file, key, line);
        JsonToken token = parser.currentToken();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw new YamlFormatException(file, line, key, "a YAML alias (*" + Messages.shorten(parser.getText()) + "); write the value out instead");
        }
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
            throw new YamlFormatException(file, line, key, "nested deeper than " + MAX_DEPTH + " levels");
        }
        return switch (token) {
            case START_OBJECT -> readObject(parser, file, key, lines, depth + 1);
            case START_ARRAY -> readArray(parser, file, key, lines, depth + 1);
            case VALUE_STRING -> {
                if (parser.getTextLength() > MAX_SCALAR_CHARACTERS) {
                    throw new YamlFormatException(file, line, key, "a value of " + parser.getTextLength() + " characters; at most " + MAX_SCALAR_CHARACTERS);
                }
                yield NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? NODES.numberNode(parser.getBigIntegerValue())
                    : NODES.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(decimal(parser, file, key, line));
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new YamlFormatException(file, line, key, "unexpected " + token);
        };
    }

    private static BigDecimal decimal(JsonParser parser, String file, String key, int line)
            throws IOException
    {
        BigDecimal value;
        try {
            value = parser.getDecimalValue();
        }
        catch (NumberFormatException e) {
            throw new YamlFormatException(file, line, key, "expected a finite number, found '" + Messages.shorten(parser.getText()) + "'");
        }
        if (value.signum() != 0) {
            // the position of the leading digit: 1 for 1.5, 309 for 1e308, -99 for 1e-100
            long magnitude = (long) value.precision() - value.scale();
            if (magnitude > MAX_EXPONENT || magnitude < -MAX_EXPONENT + 1) {
                throw new YamlFormatException(file, line, key, "number out of range (beyond ±1e" + MAX_EXPONENT + " or closer to 0 than 1e-" + MAX_EXPONENT
                        + "), found '" + Messages.shorten(parser.getText()) + "'");
            }
        }
        return value;
    }

    private static ObjectNode readObject(JsonParser parser, String file, String key, Lines lines, int depth)
            throws IOException
    {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            int line = parser.currentTokenLocation().getLineNr();
            if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                throw new YamlFormatException(file, line, key, "a YAML alias (*" + Messages.shorten(name) + ") as a key; write the key out instead");
            }
            if (name.length() > MAX_KEY_CHARACTERS) {
                throw new YamlFormatException(file, line, key, "a key of " + name.length() + " characters; at most " + MAX_KEY_CHARACTERS);
            }
            String childKey = key.isEmpty() ? name : key + "." + name;
            if (object.has(name)) {
                throw new YamlFormatException(file, line, childKey, "key written twice");
            }
            lines.put(file, childKey, line);
            parser.nextToken();
            object.set(name, read(parser, file, childKey, lines, depth));
        }
        return object;
    }

    private static ArrayNode readArray(JsonParser parser, String file, String key, Lines lines, int depth)
            throws IOException
    {
        ArrayNode array = NODES.arrayNode();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(read(parser, file, key + "[" + index++ + "]", lines, depth));
        }
        return array;
    }

    /** The line of every key, within a budget of key-path characters. */
    private static final class Lines
    {
        private final Map<String, Integer> lines = new HashMap<>();
        private long characters;

        void put(String file, String key, int line)
        {
            count(file, key, line);
            lines.put(key, line);
        }

        void putIfAbsent(String file, String key, int line)
        {
            if (!lines.containsKey(key)) {
                count(file, key, line);
                lines.put(key, line);
            }
        }

        private void count(String file, String key, int line)
        {
            characters += key.length();
            if (characters > MAX_KEY_PATH_CHARACTERS) {
                throw new YamlFormatException(file, line, "", "too many nested keys and list items for a protocol or code-set file");
            }
        }
    }
}
