package org.casebook.odm;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;

/**
 * Reads ODM files with the JDK's StAX reader, safely: no DTD (a DOCTYPE is refused, so there
 * are no entities to expand and no external files or URLs are fetched), and every parse failure
 * becomes a message naming the file, line and column.
 */
final class OdmXml
{
    private OdmXml() {}

    /** Called for each start element (and at the end of each element) of a file. */
    interface Handler
    {
        void start(XMLStreamReader reader, int line)
                throws XMLStreamException;

        void end(XMLStreamReader reader, int line)
                throws XMLStreamException;
    }

    static XMLInputFactory factory()
    {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external resource " + systemId + " refused");
        });
        return factory;
    }

    static void read(Path file, String name, Handler handler)
    {
        try {
            XMLStreamReader reader = factory().createXMLStreamReader(new StringReader(decode(Files.readAllBytes(file), name)));
            try {
                while (reader.hasNext()) {
                    int event = reader.next();
                    int line = reader.getLocation().getLineNumber();
                    if (event == XMLStreamConstants.DTD) {
                        throw new OdmImportException(name, List.of(new OdmIssue(name, line, "DOCTYPE", null,
                                "a document type declaration is not allowed in an ODM file (entities are not expanded)")));
                    }
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        handler.start(reader, line);
                    }
                    else if (event == XMLStreamConstants.END_ELEMENT) {
                        handler.end(reader, line);
                    }
                }
            }
            finally {
                reader.close();
            }
        }
        catch (NoSuchFileException e) {
            throw new CasebookException(ErrorCode.NOT_FOUND, name + ": no such file");
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + name + ": " + e.getMessage(), e);
        }
        catch (XMLStreamException e) {
            Location location = e.getLocation();
            String message = e.getMessage() == null ? "" : e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "");
            int line = location == null ? 0 : Math.max(0, location.getLineNumber());
            String where = location == null || location.getColumnNumber() < 1 ? null : "column " + location.getColumnNumber();
            String problem = message.contains("text only") ? "expected only text in this element, found an element inside it" : "not well-formed XML: " + message.strip();
            throw new OdmImportException(name, List.of(new OdmIssue(name, line, where, null, problem)));
        }
    }

    private static final Pattern DECLARED_ENCODING = Pattern.compile("^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    /**
     * The file's text in the encoding its XML declaration names (UTF-8 without one), decoded
     * here rather than by the parser, which would print encoding errors to standard error: a
     * byte that is not of that encoding is an error naming its line.
     */
    static String decode(byte[] bytes, String name)
    {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        String head = new String(bytes, start, Math.min(200, bytes.length - start), StandardCharsets.ISO_8859_1);
        Matcher declared = DECLARED_ENCODING.matcher(head);
        Charset charset = StandardCharsets.UTF_8;
        if (declared.find()) {
            try {
                charset = Charset.forName(declared.group(1));
            }
            catch (IllegalArgumentException e) {
                throw new OdmImportException(name, List.of(new OdmIssue(name, 1, "XML declaration", declared.group(1), "an encoding Java does not know")));
            }
        }
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16, (long) (bytes.length * (double) decoder.maxCharsPerByte()) + 16));
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = start; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new OdmImportException(name, List.of(new OdmIssue(name, line, null, null, "bytes that are not " + charset.name()
                    + ": a damaged file, or one in another encoding than its XML declaration names")));
        }
        out.flip();
        return out.toString();
    }

    /** The element's text (its only content), read to its end tag. */
    static String text(XMLStreamReader reader)
            throws XMLStreamException
    {
        return reader.getElementText();
    }
}
