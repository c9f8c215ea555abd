package org.casebook.report.table;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.casebook.protocol.StudyProtocol;
import org.casebook.report.ScreeningFlow;

/**
 * The consecutive-case flow of a series that {@code casebook screen} found ({@link ScreeningFlow})
 * as a table: the patients in the EHR extract, then each eligibility criterion in the protocol's
 * order, named by its description (never its id), with the patients left after it and those it
 * excluded, down to the included cases.
 */
public final class ScreeningFlowTable
{
    public static final String ID = "screening_flow";
    public static final String FLOW_FILE = ScreeningFlow.FLOW_FILE;

    private ScreeningFlowTable() {}

    /** The flow table of the screening beside {@code cases} ({@link ScreeningFlow#beside}); else empty. */
    public static Optional<ReportTable> beside(Path cases, StudyProtocol protocol, int casesInWorkbook)
    {
        return ScreeningFlow.beside(cases, protocol, casesInWorkbook).map(ScreeningFlowTable::build);
    }

    public static ReportTable build(ScreeningFlow flow)
    {
        ReportTable.Builder table = new ReportTable.Builder(ID, "Screening flow: consecutive cases from the EHR extract",
                List.of("Step", "Patients", "Excluded"));
        table.row("Patients in the EHR extract", Long.toString(flow.patientsInExtract()), "");
        for (ScreeningFlow.Step step : flow.steps()) {
            table.row(step.criterion(), Long.toString(step.left()), Long.toString(step.excluded()));
        }
        table.row("Included (consecutive cases)", Long.toString(flow.included()), "");
        table.note("Each row: the patients who met the criterion and all before it, in the protocol's order, and how many this criterion excluded. "
                + "The first criterion is the index event: patients without one are not screened further.");
        if (!flow.workbookMatches()) {
            table.note(workbookNote(flow));
        }
        return table.build();
    }

    /** Said under the table and in the flow diagram's caption when the workbook was edited after screening. */
    public static String workbookNote(ScreeningFlow flow)
    {
        return "The case workbook reported holds " + flow.casesInWorkbook() + " patients, not the " + flow.included()
                + " the screening included: cases were added or removed after screening.";
    }
}
