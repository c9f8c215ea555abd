package org.casebook.odm;

import java.util.ArrayDeque;
import java.util.Deque;

import org.casebook.error.CasebookException;

/**
 * Writes XML with one element per line, so that the import's errors (which name the line) point
 * at one element. Escaping is done here rather than by a StAX writer because attribute values
 * must keep their line breaks and tabs (written as character references, which the JDK's writer
 * does not do) and characters XML 1.0 cannot carry must be refused, not written.
 */
final class XmlOut
{
    private final StringBuilder text = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    private final Deque<String> open = new ArrayDeque<>();
    private boolean childless;

    /** Opens an element with attributes (name, value pairs; a null value is left out). */
    XmlOut start(String name, String... attributes)
    {
        tag(name, attributes);
        text.append('>');
        open.push(name);
        childless = true;
        return this;
    }

    XmlOut empty(String name, String... attributes)
    {
        tag(name, attributes);
        text.append("/>");
        childless = false;
        return this;
    }

    /** {@code <name>text</name>} on one line. */
    XmlOut element(String name, String content)
    {
        tag(name);
        text.append('>');
        escape(content, false);
        text.append("</").append(name).append('>');
        childless = false;
        return this;
    }

    /** {@code <name><TranslatedText>text</TranslatedText></name>}. */
    XmlOut translated(String name, String content)
    {
        start(name);
        element("TranslatedText", content);
        return end();
    }

    XmlOut end()
    {
        String name = open.pop();
        if (!childless) {
            newline();
        }
        text.append("</").append(name).append('>');
        childless = false;
        return this;
    }

    String finish()
    {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements " + open);
        }
        return text.append('\n').toString();
    }

    private void tag(String name, String... attributes)
    {
        newline();
        text.append('<').append(name);
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                text.append(' ').append(attributes[i]).append("=\"");
                escape(attributes[i + 1], true);
                text.append('"');
            }
        }
    }

    private void newline()
    {
        text.append('\n').append("  ".repeat(open.size()));
    }

    private void escape(String value, boolean attribute)
    {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> text.append("&amp;");
                case '<' -> text.append("&lt;");
                case '>' -> text.append("&gt;");
                case '"' -> text.append(attribute ? "&quot;" : "\"");
                case '\n' -> text.append(attribute ? "&#10;" : "\n");
                case '\r' -> text.append("&#13;");
                case '\t' -> text.append(attribute ? "&#9;" : "\t");
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        throw CasebookException.badInput("the value '%s' holds the control character U+%04X, which XML cannot carry", value.replaceAll("\\p{Cntrl}", "?"), (int) c);
                    }
                    text.append(c);
                }
            }
        }
    }
}
