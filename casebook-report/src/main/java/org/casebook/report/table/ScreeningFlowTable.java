package org.casebook.report.table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.EligibilityCriterion;
import org.casebook.protocol.StudyProtocol;

/**
 * The consecutive-case flow of a series that {@code casebook screen} found, from its
 * {@code flow.json}: the patients in the EHR extract, then each eligibility criterion in the
 * protocol's order, named by its description (never its id), with the patients left after it
 * and those it excluded, down to the included cases. Read only when the flow was written under the
 * same protocol.
 */
public final class ScreeningFlowTable
{
    public static final String ID = "screening_flow";
    public static final String FLOW_FILE = "flow.json";

    private ScreeningFlowTable() {}

    /**
     * The flow table when {@code cases} is the {@code cases/} folder of a screening whose
     * {@code flow.json} (beside it) was written under {@code protocol}; else empty.
     */
    public static Optional<ReportTable> beside(Path cases, StudyProtocol protocol, int casesInWorkbook)
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
            return Optional.of(build(flow, protocol, casesInWorkbook));
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, parent.resolve(FLOW_FILE) + ": not a screening flow casebook screen wrote ("
                    + e.getMessage().lines().findFirst().orElse("unreadable") + "); move it away from the cases folder or screen again", e);
        }
    }

    static ReportTable build(JsonNode flow, StudyProtocol protocol, int casesInWorkbook)
    {
        ReportTable.Builder table = new ReportTable.Builder(ID, "Screening flow: consecutive cases from the EHR extract",
                List.of("Step", "Patients", "Excluded"));
        long extract = flow.path("patients_in_extract").asLong();
        table.row("Patients in the EHR extract", Long.toString(extract), "");
        List<EligibilityCriterion> criteria = protocol.eligibility();
        long previous = extract;
        for (int i = 0; i < criteria.size(); i++) {
            EligibilityCriterion criterion = criteria.get(i);
            String key = i == 0 ? "with_index_admission" : i == criteria.size() - 1 ? "included" : "after_" + criterion.id();
            long left = flow.path(key).asLong();
            long excluded = i == 0 ? extract - left : flow.path("excluded_by_reason").path(criterion.id()).asLong(previous - left);
            table.row(criterion.description(), Long.toString(left), Long.toString(excluded));
            previous = left;
        }
        long included = flow.path("included").asLong();
        table.row("Included (consecutive cases)", Long.toString(included), "");
        table.note("Each row: the patients who met the criterion and all before it, in the protocol's order, and how many this criterion excluded. "
                + "The first criterion is the index event: patients without one are not screened further.");
        if (included != casesInWorkbook) {
            table.note("The case workbook reported holds " + casesInWorkbook + " patients, not the " + included + " the screening included: cases were added or removed after screening.");
        }
        return table.build();
    }
}
