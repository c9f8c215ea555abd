package org.casebook.screening.generic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.casebook.screening.fhir.Coding;
import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.Quantity;

/** FHIR datatypes read from a parsed line, tolerating anything missing or of the wrong shape (as the seed engine does). */
final class Json
{
    private static final int MAX_SCALE = 1000;

    private Json() {}

    static String text(JsonNode node, String field)
    {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    static FhirDate date(JsonNode node, String field)
    {
        return FhirDate.parse(text(node, field)).orElse(null);
    }

    static FhirDate periodDate(JsonNode node, String periodField, String end)
    {
        JsonNode period = node == null ? null : node.get(periodField);
        return period != null && period.isObject() ? date(period, end) : null;
    }

    static Concept concept(JsonNode node)
    {
        if (node == null || !node.isObject()) {
            return Concept.EMPTY;
        }
        List<Coding> codings = new ArrayList<>();
        JsonNode coding = node.get("coding");
        if (coding != null && coding.isArray()) {
            for (JsonNode element : coding) {
                if (element.isObject()) {
                    codings.add(new Coding(text(element, "system"), text(element, "code"), text(element, "display")));
                }
            }
        }
        return new Concept(text(node, "text"), codings);
    }

    /** One concept or a list of concepts. */
    static List<Concept> concepts(JsonNode node)
    {
        List<Concept> concepts = new ArrayList<>();
        if (node == null) {
            return concepts;
        }
        if (node.isArray()) {
            node.forEach(element -> concepts.add(concept(element)));
        }
        else if (node.isObject()) {
            concepts.add(concept(node));
        }
        return concepts;
    }

    static Quantity quantity(JsonNode node)
    {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get("value");
        if (value == null || !value.isNumber()) {
            return null;
        }
        BigDecimal decimal = value.decimalValue();
        if (Math.abs(decimal.scale()) > MAX_SCALE) {
            return null;
        }
        return new Quantity(decimal, text(node, "unit"), text(node, "code"));
    }

    /** The first code of a Coding, a CodeableConcept, or the first element of a list of them. */
    static String firstCode(JsonNode node)
    {
        if (node != null && node.isArray()) {
            return firstCode(node.path(0));
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        if (node.has("code")) {
            return text(node, "code");
        }
        return concept(node).codings().stream().map(Coding::code).filter(code -> code != null).findFirst().orElse(null);
    }

    /**
     * The id a reference names for a resource type: {@code Patient/123}, an absolute URL ending in
     * {@code /Patient/123}, {@code Patient/123/_history/2}, or {@code urn:uuid:123}.
     */
    static Optional<String> referenceId(JsonNode reference, String type)
    {
        if (reference == null || !reference.isObject()) {
            return Optional.empty();
        }
        String value = text(reference, "reference");
        if (value == null) {
            return Optional.empty();
        }
        if (value.startsWith("urn:uuid:")) {
            return nonEmpty(value.substring("urn:uuid:".length()));
        }
        int history = value.indexOf("/_history/");
        if (history >= 0) {
            value = value.substring(0, history);
        }
        String prefix = type + "/";
        int at = value.startsWith(prefix) ? 0 : value.lastIndexOf("/" + prefix);
        if (at < 0) {
            return Optional.empty();
        }
        String id = value.substring(at == 0 ? prefix.length() : at + prefix.length() + 1);
        return id.contains("/") ? Optional.empty() : nonEmpty(id);
    }

    private static Optional<String> nonEmpty(String id)
    {
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }
}
