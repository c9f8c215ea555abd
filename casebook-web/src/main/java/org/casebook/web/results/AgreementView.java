package org.casebook.web.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.casebook.analysis.AgreementDetails;
import org.casebook.analysis.CtAgreement;
import org.casebook.analysis.ResultsText;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.TimePoint;
import org.casebook.stats.BlandAltman;

import static java.util.Objects.requireNonNull;

/**
 * Inter-reader agreement on the results page, as the analysis computed it and the report prints
 * it (nothing recomputed here): ICC(2,1) pooled over the time points and per time point (a
 * patient's scans are not independent), the Bland–Altman bias and limits of agreement for two
 * readers, and the sentence saying which reads were used.
 *
 * @param rows the pooled row first, then one per time point in protocol order, labelled in the protocol's words
 */
record AgreementView(List<Row> rows, Optional<BlandAltmanLine> blandAltman, String readsUsed)
{
    /** One line of the agreement table: where, the ICC with its interval (a sentence at perfect agreement), the scans. */
    record Row(String label, String icc, int scans) {}

    /** Bland–Altman in score points, one decimal as in the report. */
    record BlandAltmanLine(String readers, String bias, String biasInterval, String lowerLimit, String upperLimit, int scans) {}

    AgreementView
    {
        rows = List.copyOf(rows);
        requireNonNull(blandAltman, "blandAltman is null");
        requireNonNull(readsUsed, "readsUsed is null");
    }

    /** The view of the analysis's agreement; empty when there is none (fewer than two scans read by two readers). */
    static Optional<AgreementView> of(StudyProtocol protocol, Optional<CtAgreement> pooled, Optional<AgreementDetails> details)
    {
        if (pooled.isEmpty()) {
            return Optional.empty();
        }
        List<Row> rows = new ArrayList<>();
        CtAgreement all = pooled.get();
        rows.add(new Row("All time points, pooled", ResultsText.icc(all.icc(), all.ciLow(), all.ciHigh()), all.scans()));
        details.ifPresent(found -> found.byTimepoint().forEach((timepoint, icc) ->
                rows.add(new Row(label(protocol, timepoint), ResultsText.icc(icc.icc(), icc.ciLow(), icc.ciHigh()), icc.nSubjects()))));
        Optional<BlandAltmanLine> blandAltman = details.flatMap(found -> found.blandAltman().map(result -> line(found, result)));
        return Optional.of(new AgreementView(rows, blandAltman, details.map(AgreementDetails::readsUsed).orElse("")));
    }

    private static BlandAltmanLine line(AgreementDetails details, BlandAltman.Result result)
    {
        return new BlandAltmanLine(String.join(" − ", details.readersUsed()), ResultsText.oneDecimal(result.bias()),
                ResultsText.oneDecimal(result.biasCiLow()) + " to " + ResultsText.oneDecimal(result.biasCiHigh()),
                ResultsText.oneDecimal(result.lowerLimit()), ResultsText.oneDecimal(result.upperLimit()), result.n());
    }

    private static String label(StudyProtocol protocol, String timepoint)
    {
        return protocol.timepoints().stream().filter(point -> point.name().equals(timepoint)).map(TimePoint::label).findFirst().orElse(timepoint);
    }
}
