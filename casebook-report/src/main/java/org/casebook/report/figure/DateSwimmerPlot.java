package org.casebook.report.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CtStudy;
import org.casebook.report.StudyData;
import org.casebook.schema.CaseField;
import org.casebook.schema.CaseSchema;
import org.casebook.schema.FieldKind;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Swimmer plots of a study other than the seed, from its case schema alone: one lane per patient
 * on the day-0 axis, a marker for each date field of the protocol (in its order, told apart by
 * shape and fill, named by the field's label) and for each CT study, and a bar from the first to
 * the last of them. At most {@link SwimmerPlot#MAX_PATIENTS_PER_FIGURE} patients per figure, all
 * on one day axis. No figure when no patient has a date besides day 0.
 */
public final class DateSwimmerPlot
{
    private static final String CT = "CT";
    /** {@link ChartStyle#marker}'s open circle. */
    private static final int CT_MARKER = 6;
    /** {@link ChartStyle#marker}'s filled cross, for the date of death. */
    private static final int DEATH_MARKER = 5;

    private DateSwimmerPlot() {}

    public static List<Figure> of(StudyData data, int firstFigureNumber)
    {
        CaseSchema schema = data.protocol().caseSchema();
        List<CaseField> dates = schema.fields().stream()
                .filter(field -> field.kind() == FieldKind.DATE && !field.name().equals(schema.dayZeroField()))
                .toList();
        Map<String, List<CtStudy>> studies = SwimmerPlot.studiesByPatient(data);
        List<CaseRecord> cases = data.workbook().cases();
        Map<String, Map<String, List<Long>>> events = new LinkedHashMap<>();
        long min = 0;
        long max = 0;
        boolean any = false;
        for (CaseRecord record : cases) {
            Map<String, List<Long>> days = events(record, dates, studies.getOrDefault(record.patientId(), List.of()));
            events.put(record.patientId(), days);
            for (List<Long> list : days.values()) {
                for (long day : list) {
                    any = true;
                    min = Math.min(min, day);
                    max = Math.max(max, day);
                }
            }
        }
        if (!any) {
            return List.of();
        }
        // a legend entry per date field someone has, in the protocol's order, then CT
        List<String> series = new ArrayList<>();
        dates.stream().map(CaseField::label).filter(label -> events.values().stream().anyMatch(days -> days.containsKey(label))).forEach(series::add);
        if (events.values().stream().anyMatch(days -> days.containsKey(CT))) {
            series.add(CT);
        }
        String deathLabel = schema.findField("death_date").map(CaseField::label).orElse(null);
        double pad = Math.max(2, (max - min) * 0.05);
        double[] range = {min - pad, max + pad};
        int perFigure = SwimmerPlot.MAX_PATIENTS_PER_FIGURE;
        int parts = (cases.size() + perFigure - 1) / perFigure;
        List<Figure> figures = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            List<CaseRecord> lane = cases.subList(part * perFigure, Math.min(cases.size(), (part + 1) * perFigure));
            String partText = parts == 1 ? "" : " (part " + (part + 1) + " of " + parts + ": patients " + lane.get(0).patientId() + "–" + lane.get(lane.size() - 1).patientId() + ")";
            int number = firstFigureNumber + part;
            String caption = "Figure " + number + ". Swimmer plot: each patient's recorded dates on the day-0 axis (day 0 = " + data.dayZeroLabel() + ")"
                    + partText + ". Bars run from the first to the last recorded date.";
            int height = Math.max(300, 150 + 22 * lane.size());
            figures.add(new Figure("figure" + number + "_swimmer", caption, () -> chart(lane, events, series, deathLabel, range, data.dayZeroLabel()), 760, height));
        }
        return figures;
    }

    private static Map<String, List<Long>> events(CaseRecord record, List<CaseField> dates, List<CtStudy> studies)
    {
        LocalDate dayZero = record.dayZero();
        Map<String, List<Long>> days = new LinkedHashMap<>();
        Map<String, Object> values = record.values();
        for (CaseField field : dates) {
            if (values.get(field.name()) instanceof LocalDate date) {
                days.computeIfAbsent(field.label(), key -> new ArrayList<>()).add(ChronoUnit.DAYS.between(dayZero, date));
            }
        }
        for (CtStudy study : studies) {
            days.computeIfAbsent(CT, key -> new ArrayList<>()).add(ChronoUnit.DAYS.between(dayZero, study.date()));
        }
        return days;
    }

    private static JFreeChart chart(List<CaseRecord> lane, Map<String, Map<String, List<Long>>> events, List<String> labels, String deathLabel, double[] range,
            String dayZero)
    {
        XYSeriesCollection dataset = new XYSeriesCollection();
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (String label : labels) {
            XYSeries points = new XYSeries(label, false, true);
            series.put(label, points);
            dataset.addSeries(points);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        String[] names = new String[lane.size()];
        for (int i = 0; i < lane.size(); i++) {
            CaseRecord record = lane.get(i);
            int y = lane.size() - 1 - i;
            names[y] = record.patientId();
            Map<String, List<Long>> days = events.get(record.patientId());
            // CT markers ride just above the lane so that they do not hide a date on the same day
            days.forEach((label, list) -> list.forEach(day -> series.get(label).add((double) day, y + (label.equals(CT) ? 0.3 : 0))));
            long start = Math.min(0, days.values().stream().flatMap(List::stream).mapToLong(Long::longValue).min().orElse(0));
            long end = Math.max(0, days.values().stream().flatMap(List::stream).mapToLong(Long::longValue).max().orElse(0));
            Shape bar = new Rectangle2D.Double(start, y - 0.18, Math.max(end - start, 0.5), 0.36);
            renderer.addAnnotation(new XYShapeAnnotation(bar, new BasicStroke(0.6f), ChartStyle.INK, new Color(0xE4E4E4)),
                    org.jfree.chart.ui.Layer.BACKGROUND);
        }
        renderer.setUseFillPaint(true);
        renderer.setDrawOutlines(true);
        renderer.setUseOutlinePaint(true);
        int next = 0;
        for (int i = 0; i < labels.size(); i++) {
            // CT is an open circle and a death a cross, as in the seed's swimmer plot; the other date fields take the other markers
            int marker;
            if (labels.get(i).equals(CT)) {
                marker = CT_MARKER;
            }
            else if (labels.get(i).equals(deathLabel)) {
                marker = DEATH_MARKER;
            }
            else {
                while (next == CT_MARKER || next == DEATH_MARKER) {
                    next++;
                }
                marker = next++;
            }
            renderer.setSeriesPaint(i, ChartStyle.INK);
            renderer.setSeriesOutlinePaint(i, ChartStyle.INK);
            renderer.setSeriesOutlineStroke(i, new BasicStroke(1.3f));
            renderer.setSeriesShape(i, ChartStyle.marker(marker, 9));
            renderer.setSeriesFillPaint(i, ChartStyle.filled(marker) ? ChartStyle.INK : Color.WHITE);
        }
        SymbolAxis patientAxis = new SymbolAxis("Patient", names);
        patientAxis.setGridBandsVisible(false);
        patientAxis.setRange(-0.6, lane.size() - 0.2);
        NumberAxis dayAxis = new NumberAxis("Days from day 0 (" + dayZero + ")");
        dayAxis.setRange(range[0], range[1]);
        XYPlot plot = new XYPlot(dataset, dayAxis, patientAxis, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setRangeGridlinesVisible(false);
        plot.addDomainMarker(new ValueMarker(0, ChartStyle.INK, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f)));
        ChartStyle.blackAxis(patientAxis);
        ChartStyle.blackAxis(dayAxis);
        return ChartStyle.apply(new JFreeChart(null, ChartStyle.TITLE, plot, true));
    }
}
