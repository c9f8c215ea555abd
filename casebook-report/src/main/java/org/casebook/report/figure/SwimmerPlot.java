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
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Swimmer plots on the day-0 axis (day 0 = exacerbation onset): one lane per patient, a bar from
 * the first recorded event to the last follow-up or death, and a marker per event. Events are
 * told apart by marker shape and fill, not colour. Patients are split across figures of at most
 * {@link #MAX_PATIENTS_PER_FIGURE}, all on the same day axis so they can be compared.
 */
public final class SwimmerPlot
{
    public static final int MAX_PATIENTS_PER_FIGURE = 40;
    private static final double LANE_OFFSET = 0.3;

    /** The events of a lane, in legend order. */
    enum Event
    {
        JAKI_STOP("prior JAKi stopped"),
        /** Drawn as a thin upright bar on the day-0 line, so that it does not hide the treatments started that day. */
        ONSET("exacerbation onset (day 0)"),
        PULSE("mPSL pulse"),
        JAKI_START("JAKi started"),
        CT("CT"),
        DISCHARGE("discharge"),
        DISCHARGE_OXYGEN("discharge on home oxygen"),
        FOLLOWUP("last follow-up (alive)"),
        DEATH("death");

        final String label;

        Event(String label)
        {
            this.label = label;
        }
    }

    private SwimmerPlot() {}

    public static List<Figure> of(StudyData data, int firstFigureNumber)
    {
        List<CaseRecord> cases = data.workbook().cases();
        List<Figure> figures = new ArrayList<>();
        double[] range = dayRange(data);
        int parts = (cases.size() + MAX_PATIENTS_PER_FIGURE - 1) / MAX_PATIENTS_PER_FIGURE;
        for (int part = 0; part < parts; part++) {
            List<CaseRecord> lane = cases.subList(part * MAX_PATIENTS_PER_FIGURE, Math.min(cases.size(), (part + 1) * MAX_PATIENTS_PER_FIGURE));
            String partText = parts == 1 ? "" : " (part " + (part + 1) + " of " + parts + ": patients " + lane.get(0).patientId() + "–" + lane.get(lane.size() - 1).patientId() + ")";
            String caption = "Figure " + (firstFigureNumber + part) + ". Swimmer plot: each patient's course on the day-0 axis (day 0 = exacerbation onset)"
                    + partText + ". Bars run from the first recorded event to the last follow-up or death.";
            figures.add(figure(data, lane, range, "figure" + (firstFigureNumber + part) + "_swimmer", caption));
        }
        return figures;
    }

    private static Figure figure(StudyData data, List<CaseRecord> lane, double[] range, String id, String caption)
    {
        int height = Math.max(300, 150 + 22 * lane.size());
        return new Figure(id, caption, () -> chart(data, lane, range), 760, height);
    }

    private static JFreeChart chart(StudyData data, List<CaseRecord> lane, double[] range)
    {
        XYSeriesCollection dataset = new XYSeriesCollection();
        Map<Event, XYSeries> series = new LinkedHashMap<>();
        for (Event event : Event.values()) {
            XYSeries events = new XYSeries(event.label, false, true);
            series.put(event, events);
            dataset.addSeries(events);
        }
        String[] names = new String[lane.size()];
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < lane.size(); i++) {
            CaseRecord record = lane.get(i);
            int y = lane.size() - 1 - i;
            names[y] = record.patientId();
            Map<Event, List<Long>> days = events(data, record);
            // CT markers ride above the lane and pulse markers below it, so that events on the days
            // around onset (CT, pulse, JAK-inhibitor start) do not hide one another
            days.forEach((event, list) -> list.forEach(day -> series.get(event).add((double) day, y + laneOffset(event))));
            long start = days.values().stream().flatMap(List::stream).mapToLong(Long::longValue).min().orElse(0);
            long end = days.values().stream().flatMap(List::stream).mapToLong(Long::longValue).max().orElse(0);
            Shape bar = new Rectangle2D.Double(start, y - 0.18, Math.max(end - start, 0.5), 0.36);
            renderer.addAnnotation(new XYShapeAnnotation(bar, new BasicStroke(0.6f), ChartStyle.INK, new Color(0xE4E4E4)),
                    org.jfree.chart.ui.Layer.BACKGROUND);
        }
        style(renderer);
        SymbolAxis patientAxis = new SymbolAxis("Patient", names);
        patientAxis.setGridBandsVisible(false);
        patientAxis.setRange(-0.6, lane.size() - 0.2);
        NumberAxis dayAxis = new NumberAxis("Days from exacerbation onset");
        dayAxis.setRange(range[0], range[1]);
        XYPlot plot = new XYPlot(dataset, dayAxis, patientAxis, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setRangeGridlinesVisible(false);
        plot.addDomainMarker(new ValueMarker(0, ChartStyle.INK, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f)));
        ChartStyle.blackAxis(patientAxis);
        ChartStyle.blackAxis(dayAxis);
        return ChartStyle.apply(new JFreeChart(null, ChartStyle.TITLE, plot, true));
    }

    /** Markers: distinct shapes, filled or open, black; the legend names each. */
    private static void style(XYLineAndShapeRenderer renderer)
    {
        renderer.setUseFillPaint(true);
        renderer.setDrawOutlines(true);
        renderer.setUseOutlinePaint(true);
        for (Event event : Event.values()) {
            int i = event.ordinal();
            renderer.setSeriesPaint(i, ChartStyle.INK);
            renderer.setSeriesOutlinePaint(i, ChartStyle.INK);
            renderer.setSeriesOutlineStroke(i, new BasicStroke(1.3f));
            Shape shape;
            boolean filled;
            switch (event) {
                case JAKI_STOP -> { shape = ShapeUtils.createDiagonalCross(4.5f, 1.2f); filled = true; }
                case ONSET -> { shape = new Rectangle2D.Double(-1, -8, 2, 16); filled = true; }
                case PULSE -> { shape = ShapeUtils.createUpTriangle(5); filled = true; }
                case JAKI_START -> { shape = new Rectangle2D.Double(-4.5, -4.5, 9, 9); filled = true; }
                case CT -> { shape = new java.awt.geom.Ellipse2D.Double(-3.5, -3.5, 7, 7); filled = false; }
                case DISCHARGE -> { shape = ShapeUtils.createDownTriangle(6); filled = false; }
                case DISCHARGE_OXYGEN -> { shape = ShapeUtils.createDownTriangle(6); filled = true; }
                case FOLLOWUP -> { shape = arrow(); filled = true; }
                case DEATH -> { shape = ShapeUtils.createRegularCross(6, 1.6f); filled = true; }
                default -> throw new IllegalStateException(event.name());
            }
            renderer.setSeriesShape(i, shape);
            renderer.setSeriesFillPaint(i, filled ? ChartStyle.INK : Color.WHITE);
        }
    }

    private static double laneOffset(Event event)
    {
        return switch (event) {
            case CT -> LANE_OFFSET;
            case PULSE -> -LANE_OFFSET;
            default -> 0;
        };
    }

    private static Shape arrow()
    {
        java.awt.geom.Path2D.Double arrow = new java.awt.geom.Path2D.Double();
        arrow.moveTo(-5, -5);
        arrow.lineTo(5, 0);
        arrow.lineTo(-5, 5);
        arrow.closePath();
        return arrow;
    }

    static Map<Event, List<Long>> events(StudyData data, CaseRecord record)
    {
        LocalDate dayZero = record.dayZero();
        Map<Event, List<Long>> days = new LinkedHashMap<>();
        add(days, Event.JAKI_STOP, dayZero, record.priorJakiStopDate());
        add(days, Event.ONSET, dayZero, dayZero);
        add(days, Event.PULSE, dayZero, record.mpslPulseStartDate());
        add(days, Event.JAKI_START, dayZero, record.jakiStartDate());
        for (CtStudy study : data.workbook().ctStudies()) {
            if (study.patientId().equals(record.patientId())) {
                add(days, Event.CT, dayZero, study.date());
            }
        }
        add(days, Boolean.TRUE.equals(record.homeOxygenAtDischarge()) ? Event.DISCHARGE_OXYGEN : Event.DISCHARGE, dayZero, record.dischargeDate());
        if (record.deathDate() != null) {
            add(days, Event.DEATH, dayZero, record.deathDate());
        }
        else {
            add(days, Event.FOLLOWUP, dayZero, record.lastFollowupDate());
        }
        return days;
    }

    private static void add(Map<Event, List<Long>> days, Event event, LocalDate dayZero, LocalDate date)
    {
        if (date != null) {
            days.computeIfAbsent(event, key -> new ArrayList<>()).add(ChronoUnit.DAYS.between(dayZero, date));
        }
    }

    /** One day axis for all parts: the earliest and latest event of the series, padded by 5%. */
    private static double[] dayRange(StudyData data)
    {
        long min = 0;
        long max = 0;
        for (CaseRecord record : data.workbook().cases()) {
            for (List<Long> list : events(data, record).values()) {
                for (long day : list) {
                    min = Math.min(min, day);
                    max = Math.max(max, day);
                }
            }
        }
        double pad = Math.max(2, (max - min) * 0.05);
        return new double[] {min - pad, max + pad};
    }
}
