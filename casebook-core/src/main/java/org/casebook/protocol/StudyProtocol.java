package org.casebook.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.casebook.codeset.CodeSet;

import static java.util.Objects.requireNonNull;

/**
 * A study protocol: everything that makes a case series reproducible, read from one YAML file
 * (and the code-set files it names). See docs/protocol.md for the format.
 *
 * @param report the report's layout where the protocol gives one ({@code report}; {@link ReportLayout#NONE} otherwise)
 * @param sourceText the protocol file as written, followed by its code-set files, for hashing
 */
public record StudyProtocol(
        String id,
        String title,
        String design,
        StudyWindow studyWindow,
        DayZero dayZero,
        Map<String, CodeSet> codeSets,
        List<EligibilityCriterion> eligibility,
        List<TimePoint> timepoints,
        List<VariableSpec> variables,
        CtScoringSpec ctScoring,
        OutcomeDefinitions outcomes,
        org.casebook.schema.CaseSchema caseSchema,
        List<ExtractRule> extract,
        ReportLayout report,
        String sourceText)
{
    public StudyProtocol
    {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        requireNonNull(design, "design is null");
        requireNonNull(studyWindow, "studyWindow is null");
        requireNonNull(dayZero, "dayZero is null");
        codeSets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requireNonNull(codeSets, "codeSets is null")));
        eligibility = List.copyOf(requireNonNull(eligibility, "eligibility is null"));
        timepoints = List.copyOf(requireNonNull(timepoints, "timepoints is null"));
        variables = List.copyOf(requireNonNull(variables, "variables is null"));
        requireNonNull(ctScoring, "ctScoring is null");
        requireNonNull(outcomes, "outcomes is null");
        requireNonNull(caseSchema, "caseSchema is null");
        extract = List.copyOf(requireNonNull(extract, "extract is null"));
        requireNonNull(report, "report is null");
        requireNonNull(sourceText, "sourceText is null");
    }

    /** A protocol without a report layout: every table from the case schema. */
    public StudyProtocol(String id, String title, String design, StudyWindow studyWindow, DayZero dayZero, Map<String, CodeSet> codeSets,
            List<EligibilityCriterion> eligibility, List<TimePoint> timepoints, List<VariableSpec> variables, CtScoringSpec ctScoring,
            OutcomeDefinitions outcomes, org.casebook.schema.CaseSchema caseSchema, List<ExtractRule> extract, String sourceText)
    {
        this(id, title, design, studyWindow, dayZero, codeSets, eligibility, timepoints, variables, ctScoring, outcomes, caseSchema, extract,
                ReportLayout.NONE, sourceText);
    }

    public Optional<TimePoint> findTimepoint(String name)
    {
        return timepoints.stream().filter(timepoint -> timepoint.name().equals(name)).findFirst();
    }

    public List<String> timepointNames()
    {
        return timepoints.stream().map(TimePoint::name).toList();
    }

    public Optional<VariableSpec> findVariable(String name)
    {
        return variables.stream().filter(variable -> variable.name().equals(name)).findFirst();
    }

    public Optional<CodeSet> findCodeSet(String name)
    {
        return Optional.ofNullable(codeSets.get(name));
    }

    /** SHA-256 of the protocol and its code sets as written: the protocol's identity in reports. */
    public String sha256()
    {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sourceText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
