package org.casebook.screening.generic;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.Quantity;
import org.casebook.screening.local.FhirJson;

/**
 * FHIR datatypes read from a parsed line: {@link FhirJson}, under
 * the names this engine's reader uses.
 */
final class Json
{
    private Json() {}

    static String text(JsonNode node, String field)
    {
        return FhirJson.text(node, field);
    }

    static FhirDate date(JsonNode node, String field)
    {
        return FhirJson.date(node, field);
    }

    static FhirDate periodDate(JsonNode node, String periodField, String end)
    {
        return FhirJson.periodDate(node, periodField, end);
    }

    static Concept concept(JsonNode node)
    {
        return FhirJson.concept(node);
    }

    static List<Concept> concepts(JsonNode node)
    {
        return FhirJson.concepts(node);
    }

    static Quantity quantity(JsonNode node)
    {
        return FhirJson.quantity(node);
    }

    static String firstCode(JsonNode node)
    {
        return FhirJson.firstCode(node);
    }

    static Optional<String> referenceId(JsonNode reference, String type)
    {
        return FhirJson.referenceId(reference, type);
    }
}
