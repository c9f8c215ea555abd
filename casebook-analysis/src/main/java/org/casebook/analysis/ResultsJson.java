package org.casebook.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.casebook.ctscore.CtScore;
import org.casebook.stats.Summary;

/**
 * Writes {@link SeriesResults} as the JSON documented in docs/results-json.md. Keys keep the
 * protocol's order; a statistic that does not exist (the SD of one value) is {@code null}.
 */
public final class ResultsJson
{
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Writes one part of the results into the open document; flushed once at its end, not after every patient. */
    private static final ObjectWriter NODES = MAPPER.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private ResultsJson() {}

    public static String write(SeriesResults results)
    {
        java.io.StringWriter text = new java.io.StringWriter();
        try {
            write(results, text);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * The same text as {@link #write(SeriesResults)}, written as it is made: the summary as one
     * tree, then each patient and each scan on its own. A 100,000-patient series' JSON is about
     * 400 MB, which as one tree and one string does not fit a 1 GB heap beside the results.
     */
    public static void write(SeriesResults results, Writer out)
            throws IOException
    {
        write(results, out, JsonParts.CHUNK);
    }

    /** As {@link #write(SeriesResults, Writer)}, the patients and scans made {@code chunk} at a time. */
    static void write(SeriesResults results, Writer out, int chunk)
            throws IOException
    {
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            // the mapper's own printer (INDENT_OUTPUT), so the bytes equal those of the whole tree written at once
            generator.setPrettyPrinter(new DefaultPrettyPrinter());
            generator.writeStartObject();
            writeFields(generator, summary(results));
            // the patients and scans straight to the generator, the same fields in the same order as
            // their trees (patient, scan): a tree per patient was a tenth of a 100,000-patient analyze
            // each made as text on other threads, a chunk at a time, and written here in order (JsonParts)
            generator.writeArrayFieldStart("patients");
            JsonParts.write(generator, results.patients(), ResultsJson::patient, chunk);
            generator.writeEndArray();
            generator.writeArrayFieldStart("scans");
            JsonParts.write(generator, results.scans(), ResultsJson::scan, chunk);
            generator.writeEndArray();
            generator.writeEndObject();
            generator.writeRaw('\n');
        }
    }

    private static void writeFields(JsonGenerator generator, ObjectNode node)
            throws IOException
    {
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            generator.writeFieldName(field.getKey());
            NODES.writeValue(generator, field.getValue());
        }
    }

    public static ObjectNode toTree(SeriesResults results)
    {
        ObjectNode root = summary(results);
        var patients = root.putArray("patients");
        results.patients().forEach(patient -> patient(patients.addObject(), patient));
        var scans = root.putArray("scans");
        results.scans().forEach(scan -> scan(scans.addObject(), scan));
        return root;
    }

    /** Everything but the patients and the scans. */
    private static ObjectNode summary(SeriesResults results)
    {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode protocol = root.putObject("protocol");
        protocol.put("id", results.protocolId());
        protocol.put("sha256", results.protocolSha256());
        protocol.put("ct_score", results.ctSystem());
        root.put("n", results.n());
        ObjectNode timepoints = root.putObject("timepoints");
        results.summaries().forEach((timepoint, byVariable) -> {
            ObjectNode node = timepoints.putObject(timepoint);
            byVariable.forEach((variable, summary) -> summary(node.putObject(variable), summary));
        });
        ObjectNode counts = root.putObject("counts");
        ObjectNode denominators = root.putObject("denominators");
        ObjectNode definitions = root.putObject("definitions");
        for (OutcomeCount outcome : results.outcomes()) {
            counts.put(outcome.name(), outcome.count());
            denominators.put(outcome.name(), outcome.denominator());
            definitions.put(outcome.name(), outcome.description());
        }
        ObjectNode intervals = root.putObject("count_ci95");
        results.statistics().outcomeIntervals().forEach((name, interval) -> {
            ObjectNode node = intervals.putObject(name);
            number(node, "low", interval.low());
            number(node, "high", interval.high());
        });
        results.daysToDayZero().forEach((name, summary) -> {
            ObjectNode days = root.putObject(name);
            days.put("n", summary.map(Summary::n).orElse(0));
            summary.ifPresent(present -> {
                number(days, "median", present.median());
                number(days, "min", present.min());
                number(days, "max", present.max());
            });
        });
        if (results.labels()) {
            ObjectNode labels = root.putObject("labels");
            results.outcomes().forEach(outcome -> labels.put(outcome.name(), outcome.label()));
        }
        if (results.agentsField().isPresent()) {
            ObjectNode agents = root.putObject("agents");
            results.agents().forEach(agents::put);
        }
        else {
            ObjectNode agentsByField = root.putObject("agents_by_field");
            results.agentsByField().forEach((field, agents) -> {
                ObjectNode node = agentsByField.putObject(field);
                agents.forEach(node::put);
            });
        }
        adverseEvents(root.putObject("adverse_events"), results.adverseEvents());
        results.ctAgreement().ifPresent(agreement -> {
            ObjectNode node = root.putObject("ct_agreement");
            number(node, "icc", agreement.icc());
            number(node, "ci_low", agreement.ciLow());
            number(node, "ci_high", agreement.ciHigh());
            node.put("n_scans", agreement.scans());
            node.put("n_readers", agreement.readers());
            results.statistics().agreement().ifPresent(details -> agreementDetails(node, details));
        });
        survival(root.putObject("survival"), results.statistics().survival());
        ObjectNode composition = root.putObject("ct_composition");
        results.ctComposition().forEach((timepoint, percents) -> numbers(composition.putObject(timepoint), percents));
        return root;
    }

    private static void summary(ObjectNode node, Summary summary)
    {
        node.put("n", summary.n());
        number(node, "mean", summary.mean());
        number(node, "sd", summary.sd());
        number(node, "median", summary.median());
        number(node, "min", summary.min());
        number(node, "max", summary.max());
    }

    private static void agreementDetails(ObjectNode node, AgreementDetails details)
    {
        var used = node.putArray("readers_used");
        details.readersUsed().forEach(used::add);
        ObjectNode notUsed = node.putObject("readers_not_used");
        details.readersNotUsed().forEach(notUsed::put);
        node.put("scans_left_out", details.scansLeftOut());
        ObjectNode byTimepoint = node.putObject("by_timepoint");
        details.byTimepoint().forEach((timepoint, icc) -> {
            ObjectNode entry = byTimepoint.putObject(timepoint);
            number(entry, "icc", icc.icc());
            number(entry, "ci_low", icc.ciLow());
            number(entry, "ci_high", icc.ciHigh());
            entry.put("n_scans", icc.nSubjects());
        });
        details.blandAltman().ifPresent(ba -> {
            ObjectNode entry = node.putObject("bland_altman");
            entry.put("reader_difference", details.readersUsed().get(0) + " - " + details.readersUsed().get(1));
            entry.put("n_scans", ba.n());
            number(entry, "bias", ba.bias());
            number(entry, "bias_ci_low", ba.biasCiLow());
            number(entry, "bias_ci_high", ba.biasCiHigh());
            number(entry, "sd", ba.sd());
            number(entry, "lower_limit", ba.lowerLimit());
            number(entry, "upper_limit", ba.upperLimit());
            number(entry, "limit_ci_half_width", ba.limitCiHalfWidth());
        });
    }

    private static void survival(ObjectNode node, SeriesStatistics.Survival survival)
    {
        node.put("followup_day", survival.followupDay());
        node.put("patients", survival.patients());
        node.put("deaths", survival.deaths());
        node.put("left_out", survival.leftOut());
        survival.atFollowupDay().ifPresentOrElse(estimate -> {
            ObjectNode entry = node.putObject("at_followup_day");
            number(entry, "survival", estimate.survival());
            number(entry, "ci_low", estimate.ciLow());
            number(entry, "ci_high", estimate.ciHigh());
            entry.put("at_risk", estimate.atRisk());
        }, () -> node.putNull("at_followup_day"));
        if (survival.medianFollowUp().isPresent()) {
            node.put("median_followup_days", survival.medianFollowUp().getAsDouble());
        }
        else {
            node.putNull("median_followup_days");
        }
    }

    private static void adverseEvents(ObjectNode node, AdverseEventSummary events)
    {
        node.put("events", events.events());
        node.put("patients", events.patients());
        ObjectNode byGrade = node.putObject("by_grade");
        events.byGrade().forEach(byGrade::put);
        node.put("serious", events.serious());
        node.put("non_serious", events.nonSerious());
        node.put("seriousness_unrecorded", events.seriousnessUnrecorded());
        if (!events.collected()) {
            node.put("collected", false);
        }
    }

    private static void patient(ObjectNode node, PatientResult patient)
    {
        node.put("patient_id", patient.patientId());
        node.put("day0", patient.dayZero().toString());
        ObjectNode values = node.putObject("values");
        patient.values().forEach((timepoint, byVariable) -> numbers(values.putObject(timepoint), byVariable));
        ObjectNode outcomes = node.putObject("outcomes");
        patient.outcomes().forEach(outcomes::put);
        patient.daysToDayZero().forEach((name, days) -> {
            if (days == null) {
                node.putNull(name);
            }
            else {
                node.put(name, days);
            }
        });
        node.put("vital_status", patient.vitalStatus());
    }

    /** As {@link #patient(ObjectNode, PatientResult)} writes it: its keys are distinct (the protocol reader keeps days summaries off them). */
    static void patient(JsonGenerator generator, PatientResult patient)
            throws IOException
    {
        generator.writeStartObject();
        generator.writeStringField("patient_id", patient.patientId());
        generator.writeStringField("day0", patient.dayZero().toString());
        generator.writeObjectFieldStart("values");
        for (Map.Entry<String, Map<String, Double>> timepoint : patient.values().entrySet()) {
            generator.writeObjectFieldStart(timepoint.getKey());
            numbers(generator, timepoint.getValue());
            generator.writeEndObject();
        }
        generator.writeEndObject();
        generator.writeObjectFieldStart("outcomes");
        for (Map.Entry<String, Boolean> outcome : patient.outcomes().entrySet()) {
            generator.writeFieldName(outcome.getKey());
            if (outcome.getValue() == null) {
                generator.writeNull();
            }
            else {
                generator.writeBoolean(outcome.getValue());
            }
        }
        generator.writeEndObject();
        for (Map.Entry<String, Long> days : patient.daysToDayZero().entrySet()) {
            generator.writeFieldName(days.getKey());
            if (days.getValue() == null) {
                generator.writeNull();
            }
            else {
                generator.writeNumber(days.getValue());
            }
        }
        generator.writeStringField("vital_status", patient.vitalStatus());
        generator.writeEndObject();
    }

    /** As {@link #scan(ObjectNode, ScanResult)} writes it. */
    static void scan(JsonGenerator generator, ScanResult scan)
            throws IOException
    {
        generator.writeStartObject();
        generator.writeStringField("patient_id", scan.scan().patientId());
        generator.writeStringField("timepoint", scan.scan().timepoint());
        generator.writeObjectFieldStart("readers");
        for (Map.Entry<String, CtScore> reader : scan.byReader().entrySet()) {
            generator.writeObjectFieldStart(reader.getKey());
            score(generator, reader.getValue());
            generator.writeEndObject();
        }
        generator.writeEndObject();
        generator.writeObjectFieldStart("consensus");
        score(generator, scan.consensus());
        generator.writeEndObject();
        if (!scan.patternPercents().isEmpty()) {
            generator.writeObjectFieldStart("pattern_percent");
            numbers(generator, scan.patternPercents());
            generator.writeEndObject();
        }
        generator.writeEndObject();
    }

    private static void score(JsonGenerator generator, CtScore score)
            throws IOException
    {
        number(generator, "ct_total", score.total());
        numbers(generator, score.components());
    }

    private static void numbers(JsonGenerator generator, Map<String, Double> values)
            throws IOException
    {
        for (Map.Entry<String, Double> value : values.entrySet()) {
            number(generator, value.getKey(), value.getValue());
        }
    }

    private static void number(JsonGenerator generator, String name, double value)
            throws IOException
    {
        generator.writeFieldName(name);
        if (Double.isFinite(value)) {
            generator.writeNumber(value);
        }
        else {
            generator.writeNull();
        }
    }

    private static void scan(ObjectNode node, ScanResult scan)
    {
        node.put("patient_id", scan.scan().patientId());
        node.put("timepoint", scan.scan().timepoint());
        ObjectNode readers = node.putObject("readers");
        scan.byReader().forEach((reader, score) -> score(readers.putObject(reader), score));
        score(node.putObject("consensus"), scan.consensus());
        if (!scan.patternPercents().isEmpty()) {
            numbers(node.putObject("pattern_percent"), scan.patternPercents());
        }
    }

    private static void score(ObjectNode node, CtScore score)
    {
        number(node, "ct_total", score.total());
        numbers(node, score.components());
    }

    private static void numbers(ObjectNode node, Map<String, Double> values)
    {
        values.forEach((name, value) -> number(node, name, value));
    }

    private static void number(ObjectNode node, String name, double value)
    {
        if (Double.isFinite(value)) {
            node.put(name, value);
        }
        else {
            node.putNull(name);
        }
    }
}
