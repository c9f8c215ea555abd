package org.casebook.odm;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.junit.jupiter.api.Assumptions;

/**
 * The official ODM 1.3.2 schema from ../shared/odm/1.3.2 (beside the checkout; a clone elsewhere
 * skips the schema checks, saying where it looked).
 */
final class OdmSchema
{
    static final Path FOLDER = Path.of("../../shared/odm/1.3.2");
    private static Schema schema;

    private OdmSchema() {}

    static void assumePresent()
    {
        Assumptions.assumeTrue(Files.isRegularFile(FOLDER.resolve("ODM1-3-2.xsd")),
                "the official ODM 1.3.2 schemas are not at " + FOLDER.toAbsolutePath().normalize() + "; schema validation skipped");
    }

    /** Validates the document, throwing the validator's first error (with its line) if it is not schema-valid. */
    static synchronized void validate(String xml)
            throws Exception
    {
        if (schema == null) {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
            schema = factory.newSchema(FOLDER.resolve("ODM1-3-2.xsd").toFile());
        }
        Validator validator = schema.newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        validator.validate(new StreamSource(new StringReader(xml)));
    }
}
