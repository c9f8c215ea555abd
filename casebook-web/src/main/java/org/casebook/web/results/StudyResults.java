package org.casebook.web.results;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.casebook.analysis.CaseSeriesAnalysis;
import org.casebook.analysis.OutcomeCount;
import org.casebook.analysis.ResultsJson;
import org.casebook.analysis.ResultsText;
import org.casebook.analysis.SeriesResults;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.error.CasebookException;
import org.casebook.protocol.StudyProtocol;
import org.casebook.store.SpreadsheetCsv;
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
            ObjectNode agents = tree.putObject("agents");
            deidentifiedAgents(current).forEach(agents::put);
        }
        return tree;
    }

    public String deidentifiedCsv(Current current)
    {
        return DeidentifiedExport.csv(current.workbook(), current.results().scans(), current.protocol().outcomes(),
                current.protocol().caseSchema());
    }

    /**
     * The outcome counts as CSV. With {@code suppressBelow} > 0, counts from 1 to
     * {@code suppressBelow − 1} are shown as {@code <N}, for tables meant to leave the site.
     */
    public String countsCsv(Current current, int suppressBelow)
    {
        if (suppressBelow < 0) {
            throw CasebookException.badInput("suppressBelow must be 0 (off) or a positive count, was %d", suppressBelow);
        }
        List<List<String>> rows = new ArrayList<>();
        for (OutcomeCount outcome : current.results().outcomes()) {
            rows.add(List.of(outcome.name(), suppress(outcome.count(), suppressBelow), suppress(outcome.denominator(), suppressBelow)));
        }
        deidentifiedAgents(current).forEach((agent, count) -> rows.add(List.of("agent " + agent, suppress(count, suppressBelow), "")));
        return SpreadsheetCsv.write(List.of("outcome", "count", "denominator"), rows);
    }

    /**
     * The agent counts of the protocol's {@code outcomes.agents} field (the seed's {@code jaki_agent}) under code-set names only: free text
     * stored before agents were checked counts as {@code other}.
     */
    private static java.util.Map<String, Integer> deidentifiedAgents(Current current)
    {
        org.casebook.schema.CaseField field = current.results().agentsField().flatMap(current.protocol().caseSchema()::findField).orElse(null);
        java.util.Map<String, Integer> agents = new java.util.LinkedHashMap<>();
        current.results().agents().forEach((agent, count) -> agents.merge(
                field == null ? "other" : DeidentifiedExport.agent(agent, field), count, Integer::sum));
        return agents;
    }

    static String suppress(int count, int suppressBelow)
    {
        return count > 0 && count < suppressBelow ? "<" + suppressBelow : Integer.toString(count);
    }
}
