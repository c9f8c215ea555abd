package org.casebook.screening.local;

import java.util.List;

import org.casebook.screening.rules.EligibilityDecision;
import org.casebook.screening.rules.ExtractedCase;

import static java.util.Objects.requireNonNull;

/**
 * What a screening run found: every candidate's decision (included first in case order, then
 * excluded by patient id), the included cases' values in case order (case number = index + 1),
 * and the flow counts.
 */
public record ScreeningResult(List<EligibilityDecision> candidates, List<ExtractedCase> cases, Flow flow)
{
    public ScreeningResult
    {
        candidates = List.copyOf(requireNonNull(candidates, "candidates is null"));
        cases = List.copyOf(requireNonNull(cases, "cases is null"));
        requireNonNull(flow, "flow is null");
    }

    public List<EligibilityDecision> included()
    {
        return candidates.stream().filter(EligibilityDecision::isIncluded).toList();
    }
}
