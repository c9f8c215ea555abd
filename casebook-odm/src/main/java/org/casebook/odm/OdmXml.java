package org.casebook.odm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

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
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = factory().createXMLStreamReader(in);
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

    /** The element's text (its only content), read to its end tag. */
    static String text(XMLStreamReader reader)
            throws XMLStreamException
    {
        return reader.getElementText();
    }
}
