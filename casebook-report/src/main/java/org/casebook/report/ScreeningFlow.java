package org.casebook.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.EligibilityCriterion;
import org.casebook.protocol.StudyProtocol;

import static java.util.Objects.requireNonNull;

/**
 * The consecutive-case flow of a series that {@code casebook screen} found, read from its
 * {@code flow.json}: the patients in the EHR extract, then one step per eligibility criterion in
 * the protocol's order, named by the criterion's description (never its id), with the patients
 * who met it and every criterion before it and those it excluded; the last step's patients are
 * the included cases. The report draws it as the screening-flow table and the flow diagram.
 *
 * @param casesInWorkbook the patients of the workbook reported, which may differ from the included
 *        ones when cases were added or removed after screening
 */
public record ScreeningFlow(long patientsInExtract, List<Step> steps, long included, int casesInWorkbook)
{
    public static final String FLOW_FILE = "flow.json";

    /**
     * One criterion's step.
     *
     * @param criterion the protocol's description of the criterion
     * @param left the patients who met it and every criterion before it
     * @param excluded the patients it was the first unmet criterion of
     */
    public record Step(String criterion, long left, long excluded)
    {
        public Step
        {
            requireNonNull(criterion, "criterion is null");
        }
    }

    public ScreeningFlow
    {
        steps = List.copyOf(steps);
    }

    /** Whether the workbook reported holds as many patients as the screening included. */
    public boolean workbookMatches()
    {
        return included == casesInWorkbook;
    }

    /**
     * The flow when {@code cases} is the {@code cases/} folder of a screening whose
     * {@code flow.json} (beside it) was written under {@code protocol}; else empty.
     *
     * @throws CasebookException (bad input) when that {@code flow.json} cannot be read
     */
    public static Optional<ScreeningFlow> beside(Path cases, StudyProtocol protocol, int casesInWorkbook)
    {
        Path parent = cases.toAbsolutePath().getParent();
        if (!Files.isDirectory(cases) || parent == null || !Files.isRegularFile(parent.resolve(FLOW_FILE))) {
            return Optional.empty();
        }
        try {
            JsonNode flow = new ObjectMapper().readTree(parent.resolve(FLOW_FILE).toFile());
            if (flow == null || !protocol.id().equals(flow.path("protocol").asText()) || !flow.has("included")) {
                return Optional.empty();
            }
            return Optional.of(fromJson(flow, protocol, casesInWorkbook));
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, parent.resolve(FLOW_FILE) + ": not a screening flow casebook screen wrote ("
                    + e.getMessage().lines().findFirst().orElse("unreadable") + "); move it away from the cases folder or screen again", e);
        }
    }

    /** The steps of {@code flow.json}'s counts: the first criterion's as {@code with_index_admission}, the last's as {@code included}. */
    static ScreeningFlow fromJson(JsonNode flow, StudyProtocol protocol, int casesInWorkbook)
    {
        long extract = flow.path("patients_in_extract").asLong();
        List<EligibilityCriterion> criteria = protocol.eligibility();
        List<Step> steps = new ArrayList<>();
        long previous = extract;
        for (int i = 0; i < criteria.size(); i++) {
            EligibilityCriterion criterion = criteria.get(i);
            String key = i == 0 ? "with_index_admission" : i == criteria.size() - 1 ? "included" : "after_" + criterion.id();
            long left = flow.path(key).asLong();
            long excluded = i == 0 ? extract - left : flow.path("excluded_by_reason").path(criterion.id()).asLong(previous - left);
            steps.add(new Step(criterion.description(), left, excluded));
            previous = left;
        }
        return new ScreeningFlow(extract, steps, flow.path("included").asLong(), casesInWorkbook);
    }
}
