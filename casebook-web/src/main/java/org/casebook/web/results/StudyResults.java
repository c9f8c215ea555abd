package org.casebook.web.results;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.casebook.analysis.CaseSeriesAnalysis;
import org.casebook.analysis.OutcomeCount;
import org.casebook.analysis.ResultsJson;
import org.casebook.analysis.ResultsText;
import org.casebook.analysis.SeriesResults;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.error.CasebookException;
import org.casebook.protocol.StudyProtocol;
import org.casebook.store.cases.StudyWorkbooks;
import org.casebook.web.study.StudyProtocols;
import org.springframework.stereotype.Service;

/**
 * A study's current results, computed on demand from the stored cases by the same
 * {@link CaseSeriesAnalysis} as {@code casebook analyze}, and the downloads built from them.
 */
@Service
public class StudyResults
{
    private final StudyProtocols protocols;
    private final StudyWorkbooks workbooks;

    public StudyResults(StudyProtocols protocols, StudyWorkbooks workbooks)
    {
        this.protocols = protocols;
        this.workbooks = workbooks;
    }

    /** The analysis of the study as it stands now, with the scans whose score is an adjudicator's read. */
    public record Current(StudyProtocol protocol, CaseWorkbook workbook, SeriesResults results, List<String> adjudicatedScans, String text) {}

    public Current compute(long studyId)
    {
        StudyProtocol protocol = protocols.protocol(studyId);
        CaseWorkbook workbook = workbooks.load(studyId);
        if (workbook.cases().isEmpty()) {
            throw CasebookException.badInput("no results yet: the study has no cases; import a case workbook first");
        }
        CaseSeriesAnalysis analysis = new CaseSeriesAnalysis(protocol);
        SeriesResults results = analysis.analyze(workbook);
        return new Current(protocol, workbook, results, workbooks.adjudicatedScans(studyId),
                ResultsText.render(protocol, results, analysis.variableOrder()));
    }

    /** The results JSON; without patient rows and per-scan scores unless {@code identified}. */
    public ObjectNode json(Current current, boolean identified)
    {
        ObjectNode tree = ResultsJson.toTree(current.results());
        tree.putPOJO("adjudicated_scans", current.adjudicatedScans().size());
        if (identified) {
            tree.putPOJO("adjudicated_scan_codes", current.adjudicatedScans());
        }
        else {
            tree.remove("patients");
            tree.remove("scans");
        }
        return tree;
    }

    public String deidentifiedCsv(Current current)
    {
        return DeidentifiedExport.csv(current.workbook(), current.results().scans(), current.protocol().outcomes().adverseEventStopReason(),
                current.protocol().caseSchema());
    }

    /**
     * The outcome counts as CSV. With {@code suppressBelow} > 0, counts from 1 to
     * {@code suppressBelow − 1} are shown as {@code <N}, for tables meant to leave the site.
     */
    public String countsCsv(Current current, int suppressBelow)
    {
        StringBuilder csv = new StringBuilder("outcome,count,denominator\n");
        for (OutcomeCount outcome : current.results().outcomes()) {
            csv.append(outcome.name()).append(',').append(suppress(outcome.count(), suppressBelow)).append(',')
                    .append(suppress(outcome.denominator(), suppressBelow)).append('\n');
        }
        current.results().agents().forEach((agent, count) -> csv.append("agent ").append(agent.toLowerCase(Locale.ROOT)).append(',')
                .append(suppress(count, suppressBelow)).append(",\n"));
        return csv.toString();
    }

    static String suppress(int count, int suppressBelow)
    {
        return count > 0 && count < suppressBelow ? "<" + suppressBelow : Integer.toString(count);
    }
}
