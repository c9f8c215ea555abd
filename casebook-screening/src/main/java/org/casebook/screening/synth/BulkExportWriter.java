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
public final class BulkExportWriter
        implements Closeable
{
    private final Path folder;
    private final boolean gzip;
    private final JsonFactory factory = new JsonFactory().setRootValueSeparator(null);
    private final Map<String, JsonGenerator> generators = new LinkedHashMap<>();
    private final Map<String, Long> lines = new LinkedHashMap<>();
    private long resources;

    public BulkExportWriter(Path folder, boolean gzip)
    {
        this.folder = folder;
        this.gzip = gzip;
    }

    /** Starts a resource in {@code file} (e.g. {@code Observation-2}); finish it with {@link #end}. */
    public JsonGenerator begin(String file, String resourceType, String id)
            throws IOException
    {
        lines.merge(file, 1L, Long::sum);
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

    public void end(JsonGenerator json)
            throws IOException
    {
        json.writeEndObject();
        json.writeRaw('\n');
        resources++;
    }

    public long resources()
    {
        return resources;
    }

    /** The line (from 1) of the resource begun last in {@code file}. */
    public long line(String file)
    {
        return lines.getOrDefault(file, 0L);
    }

    /** The name of the file written for {@code file} ({@code Observation-2.ndjson.gz}). */
    public String fileName(String file)
    {
        return file + (gzip ? ".ndjson.gz" : ".ndjson");
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

    public static void reference(JsonGenerator json, String field, String reference)
            throws IOException
    {
        json.writeObjectFieldStart(field);
        json.writeStringField("reference", reference);
        json.writeEndObject();
    }

    public static void coding(JsonGenerator json, String system, String code, String display)
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
    public static void concept(JsonGenerator json, String field, String system, String code, String display, String text)
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

    public static void quantity(JsonGenerator json, String field, BigDecimal value, String unit, String code)
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

    public static void period(JsonGenerator json, String field, String start, String end)
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
