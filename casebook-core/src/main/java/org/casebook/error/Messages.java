package org.casebook.error;

/**
 * Makes text from the user's files safe to show in a message: control characters (terminal
 * escapes, line breaks) are written as escapes, and a long value is cut to its start and its
 * length, so a 5 MB cell or a binary file never floods the terminal.
 */
public final class Messages
{
    /** The most characters of one value a message shows. */
    public static final int MAX_VALUE_LENGTH = 80;
    /** The most characters of one message line the command line prints. */
    public static final int MAX_LINE_LENGTH = 2000;

    private Messages() {}

    /** The value, control characters escaped, cut to {@link #MAX_VALUE_LENGTH} characters; "" for null. */
    public static String shorten(String value)
    {
        return shorten(value, MAX_VALUE_LENGTH);
    }

    /** The value, control characters escaped, cut to {@code max} characters; "" for null. */
    public static String shorten(String value, int max)
    {
        if (value == null) {
            return "";
        }
        String cut = value.length() > max ? value.substring(0, max) : value;
        if (cut.length() < value.length() && Character.isHighSurrogate(cut.charAt(cut.length() - 1))) {
            cut = cut.substring(0, cut.length() - 1);
        }
        String escaped = escapeControls(cut);
        return cut.length() < value.length() ? escaped + "… (" + value.length() + " characters)" : escaped;
    }

    /**
     * A whole message made safe for a terminal: its lines kept, control characters within them
     * escaped, each line cut to {@link #MAX_LINE_LENGTH} characters.
     */
    public static String safeForTerminal(String message)
    {
        if (message == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(message.length(), 1 << 16));
        for (String line : message.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(shorten(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line, MAX_LINE_LENGTH));
        }
        return out.toString();
    }

    private static String escapeControls(String text)
    {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c)
                    || c == '\u2028' || c == '\u2029' || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e')
                    || (c >= '\u2066' && c <= '\u2069') || Character.isSurrogate(c) && !validSurrogate(text, i);
            if (control && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (!control) {
                    out.append(c);
                }
                else if (c == '\n') {
                    out.append("\\n");
                }
                else if (c == '\r') {
                    out.append("\\r");
                }
                else if (c == '\t') {
                    out.append("\\t");
                }
                else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean validSurrogate(String text, int i)
    {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
