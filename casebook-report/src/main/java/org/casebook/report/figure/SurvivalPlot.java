package org.casebook.report.figure;

import java.awt.BasicStroke;
import java.awt.Font;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.casebook.casedata.CaseRecord;
import org.casebook.report.StudyData;
import org.casebook.stats.KaplanMeier;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Kaplan–Meier survival from day 0, death an event (the protocol's {@code outcomes.death}), censored at the last follow-up, from
 * {@link KaplanMeier}; censoring marked with +; the numbers at risk under the curve at each tick
 * of the day axis.
 */
public final class SurvivalPlot
{
    private SurvivalPlot() {}

    /** Days from day 0 to death (event) or the last follow-up (censored), for the patients with either. */
    public record FollowUp(int[] days, boolean[] events, int excluded) {}

    public static FollowUp followUp(StudyData data)
    {
        List<int[]> rows = new ArrayList<>();
        int excluded = 0;
        for (CaseRecord record : data.workbook().cases()) {
            java.time.LocalDate death = data.deathDate(record);
            java.time.LocalDate lastFollowup = data.lastFollowupDate(record);
            if (death != null) {
                rows.add(new int[] {(int) ChronoUnit.DAYS.between(record.dayZero(), death), 1});
            }
            else if (lastFollowup != null && !lastFollowup.isBefore(record.dayZero())) {
                rows.add(new int[] {(int) ChronoUnit.DAYS.between(record.dayZero(), lastFollowup), 0});
            }
            else {
                excluded++;
            }
        }
        int[] days = rows.stream().mapToInt(row -> row[0]).toArray();
        boolean[] events = new boolean[rows.size()];
        for (int i = 0; i < events.length; i++) {
            events[i] = rows.get(i)[1] == 1;
        }
        return new FollowUp(days, events, excluded);
    }

    public static Optional<Figure> of(StudyData data, String id, String captionStart)
    {
        return of(data, id, captionStart, "Days from day 0 (" + data.dayZeroLabel() + ")");
    }

    /** The plot with its day axis named {@code dayAxisLabel}. */
    public static Optional<Figure> of(StudyData data, String id, String captionStart, String dayAxisLabel)
    {
        FollowUp followUp = followUp(data);
        if (followUp.days().length == 0) {
            return Optional.empty();
        }
        long deaths = java.util.stream.IntStream.range(0, followUp.events().length).filter(i -> followUp.events()[i]).count();
        if (deaths == 0) {
            // a flat line at 1 says nothing a sentence does not: the text reports who was alive
            return Optional.empty();
        }
        String caption = captionStart + " " + followUp.days().length + " patients, " + deaths + " death" + (deaths == 1 ? "" : "s")
                + "; shaded: 95% confidence band (log-log); censored (+) at the last follow-up; the curve ends at the last patient followed"
                + (followUp.excluded() > 0 ? "; " + followUp.excluded() + " without follow-up data left out" : "")
                + ". Numbers at risk below.";
        return Optional.of(new Figure(id, caption, () -> chart(followUp, dayAxisLabel), 640, 440));
    }

    private static JFreeChart chart(FollowUp followUp, String dayAxisLabel)
    {
        KaplanMeier fit = KaplanMeier.fit(followUp.days(), followUp.events());
        int maxDay = java.util.Arrays.stream(followUp.days()).max().orElse(0);
        double tick = tickUnit(maxDay);
        XYSeries curve = new XYSeries("Kaplan–Meier estimate", false, true);
        XYSeries censored = new XYSeries("censored", false, true);
        curve.add(0, 1);
        for (KaplanMeier.Step step : fit.steps()) {
            curve.add(step.day(), step.survival());
            if (step.censored() > 0) {
                censored.add(step.day(), step.survival());
            }
        }
        XYStepRenderer stepRenderer = new XYStepRenderer();
        stepRenderer.setSeriesPaint(0, ChartStyle.INK);
        stepRenderer.setSeriesStroke(0, new BasicStroke(2f));
        XYLineAndShapeRenderer censorRenderer = new XYLineAndShapeRenderer(false, true);
        censorRenderer.setSeriesPaint(0, ChartStyle.INK);
        censorRenderer.setSeriesShape(0, ChartStyle.plus(10));
        censorRenderer.setSeriesShapesFilled(0, false);
        censorRenderer.setSeriesStroke(0, new BasicStroke(1.5f));
        censorRenderer.setUseOutlinePaint(false);
        NumberAxis survivalAxis = new NumberAxis("Survival probability");
        survivalAxis.setRange(0, 1.05);
        survivalAxis.setTickUnit(new NumberTickUnit(0.2));
        XYPlot curvePlot = new XYPlot(new XYSeriesCollection(curve), null, survivalAxis, stepRenderer);
        stepRenderer.addAnnotation(band(fit, maxDay), org.jfree.chart.ui.Layer.BACKGROUND);
        curvePlot.setDataset(1, new XYSeriesCollection(censored));
        curvePlot.setRenderer(1, censorRenderer);
        NumberAxis dayAxis = new NumberAxis(dayAxisLabel);
        // room either side for the numbers at risk, centred on the first and last ticks
        dayAxis.setRange(-tick * 0.2, Math.max(tick, Math.ceil(maxDay / tick) * tick) + tick * 0.2);
        dayAxis.setTickUnit(new NumberTickUnit(tick));
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(dayAxis);
        combined.setGap(4);
        combined.add(curvePlot, 5);
        combined.add(atRiskPlot(fit, tick, maxDay), 1);
        ChartStyle.blackAxis(dayAxis);
        ChartStyle.blackAxis(survivalAxis);
        return ChartStyle.apply(new JFreeChart(null, ChartStyle.TITLE, combined, true));
    }

    /**
     * The 95% log-log confidence band as a step-shaped polygon from day 0 to the last day followed:
     * upper limits forwards, lower limits back. Where S is 1 (before the first death) the band is
     * the line itself.
     */
    static org.jfree.chart.annotations.XYPolygonAnnotation band(KaplanMeier fit, int maxDay)
    {
        List<double[]> limits = new ArrayList<>();
        limits.add(new double[] {0, 1, 1});
        for (KaplanMeier.Step step : fit.eventSteps()) {
            KaplanMeier.SurvivalEstimate estimate = fit.estimateAt(step.day()).orElseThrow();
            double low = Double.isNaN(estimate.ciLow()) ? estimate.survival() : estimate.ciLow();
            double high = Double.isNaN(estimate.ciHigh()) ? estimate.survival() : estimate.ciHigh();
            limits.add(new double[] {step.day(), low, high});
        }
        List<Double> points = new ArrayList<>();
        for (int i = 0; i < limits.size(); i++) {
            double end = i + 1 < limits.size() ? limits.get(i + 1)[0] : maxDay;
            points.addAll(List.of(limits.get(i)[0], limits.get(i)[2], end, limits.get(i)[2]));
        }
        for (int i = limits.size() - 1; i >= 0; i--) {
            double end = i + 1 < limits.size() ? limits.get(i + 1)[0] : maxDay;
            points.addAll(List.of(end, limits.get(i)[1], limits.get(i)[0], limits.get(i)[1]));
        }
        double[] polygon = points.stream().mapToDouble(Double::doubleValue).toArray();
        return new org.jfree.chart.annotations.XYPolygonAnnotation(polygon, null, null, new java.awt.Color(0xD8D8D8));
    }

    private static XYPlot atRiskPlot(KaplanMeier fit, double tick, int maxDay)
    {
        // every tick of the day axis, also those past the last day followed (0 at risk there)
        int ticks = (int) Math.max(1, Math.ceil(maxDay / tick)) + 1;
        int[] days = new int[ticks];
        for (int i = 0; i < ticks; i++) {
            days[i] = (int) Math.round(i * tick);
        }
        int[] atRisk = fit.numberAtRisk(days);
        NumberAxis rowAxis = new NumberAxis("At risk");
        rowAxis.setLabelAngle(Math.PI / 2);
        rowAxis.setRange(0, 1);
        rowAxis.setTickLabelsVisible(false);
        rowAxis.setTickMarksVisible(false);
        rowAxis.setAxisLineVisible(false);
        rowAxis.setLabelFont(ChartStyle.SMALL);
        XYPlot plot = new XYPlot(new XYSeriesCollection(), null, rowAxis, new XYLineAndShapeRenderer());
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlineVisible(false);
        for (int i = 0; i < ticks; i++) {
            XYTextAnnotation number = new XYTextAnnotation(Integer.toString(atRisk[i]), days[i], 0.5);
            number.setFont(ChartStyle.TICK.deriveFont(Font.PLAIN));
            number.setTextAnchor(TextAnchor.CENTER);
            plot.addAnnotation(number);
        }
        return plot;
    }

    /** Tick spacing: 7, 14, 30, 60, 90, 180 or 365 days, about 4–8 ticks. */
    static double tickUnit(int maxDay)
    {
        for (int unit : new int[] {7, 14, 30, 60, 90, 180, 365}) {
            if (maxDay / unit <= 8) {
                return unit;
            }
        }
        return 730;
    }
}
