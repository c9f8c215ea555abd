package org.casebook.screening.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.casebook.screening.fhir.Coding;
import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.Quantity;

/**
 * Reads FHIR datatypes from parsed JSON, tolerating anything missing or of the wrong shape (a null
 * node too), for both engines.
 */
public final class FhirJson
{
    private FhirJson() {}

    public static String text(JsonNode node, String field)
    {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    public static FhirDate date(JsonNode node, String field)
    {
        return FhirDate.parse(text(node, field)).orElse(null);
    }

    public static FhirDate periodDate(JsonNode node, String periodField, String end)
    {
        JsonNode period = node == null ? null : node.get(periodField);
        return period != null && period.isObject() ? date(period, end) : null;
    }

    public static Concept concept(JsonNode node)
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

    /** One concept or a list of concepts (FHIR changes cardinality between resources). */
    public static List<Concept> concepts(JsonNode node)
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

    /** Decimal exponents beyond this are not values (no record writes a measurement with 1,000 digits). */
    private static final int MAX_SCALE = 1000;
    /** A quantity's largest magnitude and most decimals: in milligrams (×1000) or micrograms (+3 decimals) it still fits a workbook number. */
    private static final java.math.BigDecimal MAX_VALUE = new java.math.BigDecimal("1e12");
    private static final int MAX_DECIMALS = 20;

    public static Quantity quantity(JsonNode node)
    {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get("value");
        if (value == null || !value.isNumber()) {
            return null;
        }
        java.math.BigDecimal decimal = value.decimalValue();
        if (Math.abs(decimal.scale()) > MAX_SCALE) {
            return null; // 1e999999999 is no measurement, and rounding it would never finish
        }
        if (decimal.abs().compareTo(MAX_VALUE) > 0 || decimal.stripTrailingZeros().scale() > MAX_DECIMALS) {
            return null; // nor is 1e300 or 1e-300: a case workbook could not hold it (numbers within ±1e15, 40 characters)
        }
        return new Quantity(decimal, text(node, "unit"), text(node, "code"));
    }

    /** The first code of a CodeableConcept ({@code verificationStatus}), of a Coding ({@code Encounter.class}), or of the first of a list of them. */
    public static String firstCode(JsonNode node)
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
        Concept concept = concept(node);
        return concept.codings().stream().map(Coding::code).filter(code -> code != null).findFirst().orElse(null);
    }

    /**
     * The id a reference names for a resource type: {@code Patient/123}, an absolute URL ending in
     * {@code /Patient/123}, {@code Patient/123/_history/2}, or {@code urn:uuid:123}.
     */
    public static Optional<String> referenceId(JsonNode reference, String type)
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
