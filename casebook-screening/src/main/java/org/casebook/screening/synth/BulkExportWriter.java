package org.casebook.screening.synth;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes FHIR R4 resources as a bulk-data export, one NDJSON file per resource type (Observations
 * split over two files), each resource one line. Holds one generator per file and nothing else.
 */
final class BulkExportWriter
        implements Closeable
{
    private final Path folder;
    private final boolean gzip;
    private final JsonFactory factory = new JsonFactory().setRootValueSeparator(null);
    private final Map<String, JsonGenerator> generators = new LinkedHashMap<>();
    private long resources;

    BulkExportWriter(Path folder, boolean gzip)
    {
        this.folder = folder;
        this.gzip = gzip;
    }

    /** Starts a resource in {@code file} (e.g. {@code Observation-2}); finish it with {@link #end}. */
    JsonGenerator begin(String file, String resourceType, String id)
            throws IOException
    {
        JsonGenerator json = generators.get(file);
        if (json == null) {
            String name = file + (gzip ? ".ndjson.gz" : ".ndjson");
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(folder.resolve(name)), 1 << 16);
            json = factory.createGenerator(gzip ? new GZIPOutputStream(out, 1 << 16) : out, JsonEncoding.UTF8);
            generators.put(file, json);
        }
        json.writeStartObject();
        json.writeStringField("resourceType", resourceType);
        json.writeStringField("id", id);
        return json;
    }

    void end(JsonGenerator json)
            throws IOException
    {
        json.writeEndObject();
        json.writeRaw('\n');
        resources++;
    }

    long resources()
    {
        return resources;
    }

    @Override
    public void close()
            throws IOException
    {
        for (JsonGenerator json : generators.values()) {
            json.close();
        }
    }

    // --- FHIR datatypes ----------------------------------------------------------------------

    static void reference(JsonGenerator json, String field, String reference)
            throws IOException
    {
        json.writeObjectFieldStart(field);
        json.writeStringField("reference", reference);
        json.writeEndObject();
    }

    static void coding(JsonGenerator json, String system, String code, String display)
            throws IOException
    {
        json.writeStartObject();
        json.writeStringField("system", system);
        json.writeStringField("code", code);
        if (display != null) {
            json.writeStringField("display", display);
        }
        json.writeEndObject();
    }

    /** A CodeableConcept with one coding (when {@code system} is not null) and optional text. */
    static void concept(JsonGenerator json, String field, String system, String code, String display, String text)
            throws IOException
    {
        if (field != null) {
            json.writeFieldName(field);
        }
        json.writeStartObject();
        if (system != null) {
            json.writeArrayFieldStart("coding");
            coding(json, system, code, display);
            json.writeEndArray();
        }
        if (text != null) {
            json.writeStringField("text", text);
        }
        json.writeEndObject();
    }

    static void quantity(JsonGenerator json, String field, BigDecimal value, String unit, String code)
            throws IOException
    {
        if (field != null) {
            json.writeFieldName(field);
        }
        json.writeStartObject();
        json.writeNumberField("value", value);
        if (unit != null) {
            json.writeStringField("unit", unit);
        }
        if (code != null) {
            json.writeStringField("system", "http://unitsofmeasure.org");
            json.writeStringField("code", code);
        }
        json.writeEndObject();
    }

    static void period(JsonGenerator json, String field, String start, String end)
            throws IOException
    {
        json.writeObjectFieldStart(field);
        if (start != null) {
            json.writeStringField("start", start);
        }
        if (end != null) {
            json.writeStringField("end", end);
        }
        json.writeEndObject();
    }
}
