package org.casebook.cli;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks on a results.json that the end-to-end tests of user-written protocols share. */
final class ResultsAssertions
{
    private ResultsAssertions() {}

    /** Each outcome's count over its denominator, as "n/N", is the expected one. */
    static void assertCounts(JsonNode results, Map<String, String> expected)
    {
        expected.forEach((outcome, fraction) -> assertThat(results.path("counts").path(outcome).asInt() + "/" + results.path("denominators").path(outcome).asInt())
                .as(outcome).isEqualTo(fraction));
    }
}
