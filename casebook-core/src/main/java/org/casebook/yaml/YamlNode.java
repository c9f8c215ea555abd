package org.casebook.yaml;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.casebook.error.Messages;

/**
 * A node of a YAML document that knows where it was written, so that every reading mistake can
 * name the file, the line, the key and what was expected. Readers ask for typed values by key:
 * {@code node.text("id")}, {@code node.integer("from")}, {@code node.list("timepoints")}.
 */
public final class YamlNode
{
    /** The largest magnitude {@link #asNumber()} accepts. */
    public static final double MAX_NUMBER = 1e15;
    private static final java.util.regex.Pattern ISO_DATE = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final JsonNode node;
    private final String file;
    private final String key;
    private final int line;
    private final Map<String, Integer> lines;

    YamlNode(JsonNode node, String file, String key, int line, Map<String, Integer> lines)
    {
        this.node = node;
        this.file = file;
        this.key = key;
        this.line = line;
        this.lines = lines;
    }

    public String file()
    {
        return file;
    }

    /** Dotted path of this node from the document root, e.g. {@code timepoints[1].window_days}. */
    public String key()
    {
        return key;
    }

    public int line()
    {
        return line;
    }

    public JsonNode json()
    {
        return node;
    }

    public YamlFormatException error(String problem)
    {
        return new YamlFormatException(file, line, key, problem);
    }

    public boolean has(String name)
    {
        return node.isObject() && node.has(name) && !node.get(name).isNull();
    }

    /** Rejects keys this reader does not know, so a misspelt key is never silently ignored. */
    public YamlNode requireKeys(Set<String> required, Set<String> optional)
    {
        requireObject();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!required.contains(name) && !optional.contains(name)) {
                Set<String> known = new TreeSet<>(required);
                known.addAll(optional);
                throw child(name).error("unknown key; expected one of " + known);
            }
        }
        for (String name : required) {
            if (!has(name)) {
                throw error("missing required key '" + name + "'");
            }
        }
        return this;
    }

    public YamlNode child(String name)
    {
        requireObject();
        if (!has(name)) {
            throw error("missing required key '" + name + "'");
        }
        String childKey = key.isEmpty() ? name : key + "." + name;
        return new YamlNode(node.get(name), file, childKey, lines.getOrDefault(childKey, line), lines);
    }

    public Optional<YamlNode> optionalChild(String name)
    {
        return has(name) ? Optional.of(child(name)) : Optional.empty();
    }

    public List<YamlNode> list(String name)
    {
        YamlNode list = child(name);
        if (!list.node.isArray()) {
            throw list.error("expected a list, found " + describe(list.node));
        }
        return list.elements();
    }

    public List<YamlNode> elements()
    {
        List<YamlNode> elements = new ArrayList<>();
        for (int index = 0; index < node.size(); index++) {
            String elementKey = key + "[" + index + "]";
            elements.add(new YamlNode(node.get(index), file, elementKey, lines.getOrDefault(elementKey, line), lines));
        }
        return elements;
    }

    /** The entries of a mapping in written order. */
    public Map<String, YamlNode> entries(String name)
    {
        YamlNode map = child(name);
        map.requireObject();
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        map.node.fieldNames().forEachRemaining(entry -> entries.put(entry, map.child(entry)));
        return entries;
    }

    public String text(String name)
    {
        return child(name).asText();
    }

    public Optional<String> optionalText(String name)
    {
        return optionalChild(name).map(YamlNode::asText);
    }

    public String asText()
    {
        if (!node.isValueNode() || node.isNull()) {
            throw error("expected a text value, found " + describe(node));
        }
        String text = node.asText().strip();
        if (text.isEmpty()) {
            throw error("expected a non-empty text value");
        }
        return text;
    }

    public int integer(String name)
    {
        return child(name).asInteger();
    }

    public int asInteger()
    {
        if (!node.isIntegralNumber()) {
            throw error("expected a whole number, found " + describe(node));
        }
        if (!node.canConvertToInt()) {
            throw error("expected a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ", found " + describe(node));
        }
        return node.intValue();
    }

    public double number(String name)
    {
        return child(name).asNumber();
    }

    /** A number within ±{@value #MAX_NUMBER}: no protocol value is larger, and a larger one overflows what is computed from it. */
    public double asNumber()
    {
        if (!node.isNumber()) {
            throw error("expected a number, found " + describe(node));
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value) || Math.abs(value) > MAX_NUMBER) {
            throw error("expected a number from -1e15 to 1e15, found " + describe(node));
        }
        return value;
    }

    public boolean bool(String name)
    {
        YamlNode child = child(name);
        if (!child.node.isBoolean()) {
            throw child.error("expected true or false, found " + describe(child.node));
        }
        return child.node.booleanValue();
    }

    public LocalDate date(String name)
    {
        YamlNode child = child(name);
        try {
            // four-digit years only: LocalDate.parse also takes +999999999-12-31, whose day arithmetic overflows
            String text = child.asText();
            if (!ISO_DATE.matcher(text).matches()) {
                throw child.error("expected a date as yyyy-mm-dd, found " + describe(child.node));
            }
            return LocalDate.parse(text);
        }
        catch (DateTimeParseException e) {
            throw child.error("expected a date as yyyy-mm-dd, found " + describe(child.node));
        }
    }

    public List<String> textList(String name)
    {
        return list(name).stream().map(YamlNode::asText).toList();
    }

    private void requireObject()
    {
        if (!node.isObject()) {
            // a whole file that is one value is not shown: it may be any file given by mistake
            boolean wholeFile = key.isEmpty() && node.isValueNode();
            throw error("expected a mapping of keys to values, found " + (wholeFile ? "a single value (is this a protocol or code-set file?)" : describe(node)));
        }
    }

    private static String describe(JsonNode node)
    {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNull()) {
            return "nothing";
        }
        return "'" + Messages.shorten(node.asText()) + "'";
    }
}
