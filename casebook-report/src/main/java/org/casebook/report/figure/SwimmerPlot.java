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
import org.casebook.protocol.ReportLayout;
import org.casebook.report.StudyData;
import org.casebook.schema.CaseField;
import org.casebook.schema.CaseSchema;
import org.casebook.schema.FieldKind;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Swimmer plots on the day-0 axis, from the protocol alone: one lane per patient (named by case
 * number), a thin line over the follow-up, the hospital stay and each drug exposure of the
 * protocol's {@code report.timeline} as bars inside the lane, and a marker for each other date
 * (the timeline's markers, or without a timeline every date field), each CT study, the death and
 * the last follow-up. Series differ by shape, fill and grey, not colour. The axis runs from
 * {@link #BREAK_DAY} (earlier dates, such as a CT months before, are drawn at an axis break with their
 * day written beside them, so they do not squeeze days −14…+90) to the last day drawn. At most
 * {@link #MAX_PATIENTS_PER_FIGURE} patients per figure, all parts on the same axis.
 */
public final class SwimmerPlot
{
    public static final int MAX_PATIENTS_PER_FIGURE = 40;
    /** Dates before this day are drawn at the axis break. */
    static final int BREAK_DAY = -30;
    private static final String CT = "CT";
    private static final String DEATH = "death";
    private static final String FOLLOWUP = "last follow-up (alive)";
    /** {@link ChartStyle#marker} indices kept for CT (open circle) and the death (filled cross). */
    private static final int CT_MARKER = 6;
    private static final int DEATH_MARKER = 5;
    private static final Color STAY = new Color(0xDDDDDD);
    private static final Color[] EXPOSURE_FILLS = {ChartStyle.INK, new Color(0x808080), Color.WHITE};

    private SwimmerPlot() {}

    /** A bar of a lane: a labelled span in days. */
    record Bar(String label, long from, long to) {}

    /** A lane: its bars (stay first, then exposures), its markers by legend label, and its span. */
    record Lane(String name, List<Bar> bars, Map<String, List<Long>> markers, long start, long end) {}

    public static List<Figure> of(StudyData data, int firstFigureNumber)
    {
        // one lane per case in the workbook's order: SwimmerPaging orders them (by case number, or by follow-up when paged)
        List<CaseRecord> cases = data.workbook().cases();
        Map<String, List<CtStudy>> studies = studiesByPatient(data);
        List<Lane> lanes = new ArrayList<>();
        for (CaseRecord record : cases) {
            lanes.add(lane(data, record, studies.getOrDefault(record.patientId(), List.of())));
        }
        if (lanes.stream().allMatch(lane -> lane.bars().isEmpty() && lane.markers().isEmpty())) {
            return List.of();
        }
        List<String> markerLabels = new ArrayList<>();
        lanes.forEach(lane -> lane.markers().keySet().forEach(label -> {
            if (!markerLabels.contains(label)) {
                markerLabels.add(label);
            }
        }));
        List<String> barLabels = new ArrayList<>();
        lanes.forEach(lane -> lane.bars().forEach(bar -> {
            if (!barLabels.contains(bar.label())) {
                barLabels.add(bar.label());
            }
        }));
        long min = lanes.stream().mapToLong(Lane::start).min().orElse(0);
        long max = lanes.stream().mapToLong(Lane::end).max().orElse(0);
        boolean broken = min < BREAK_DAY;
        // room left of the break for the clipped dates (their days are written to their right, above the lane)
        double low = broken ? BREAK_DAY - 8 : min - Math.max(2, (max - min) * 0.05);
        double[] range = {low, max + Math.max(2, (max - Math.max(min, BREAK_DAY)) * 0.05)};
        int parts = (lanes.size() + MAX_PATIENTS_PER_FIGURE - 1) / MAX_PATIENTS_PER_FIGURE;
        List<Figure> figures = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            List<Lane> shown = lanes.subList(part * MAX_PATIENTS_PER_FIGURE, Math.min(lanes.size(), (part + 1) * MAX_PATIENTS_PER_FIGURE));
            String partText = parts == 1 ? "" : " (part " + (part + 1) + " of " + parts + ": " + shown.get(0).name() + "–" + shown.get(shown.size() - 1).name() + ")";
            int number = firstFigureNumber + part;
            String caption = "Figure " + number + ". Swimmer plot: each patient's course on the day-0 axis (day 0 = " + data.dayZeroLabel() + ")" + partText
                    + ". A thin line spans the days recorded; bars show " + describeBars(barLabels) + "; markers the other recorded dates."
                    + (broken ? " Dates before day " + BREAK_DAY + " are drawn at the axis break (//) with their day beside them." : "");
            int height = Math.max(300, 170 + 22 * shown.size());
            figures.add(new Figure("figure" + number + "_swimmer", caption, () -> chart(shown, barLabels, markerLabels, range, broken, data.dayZeroLabel()), 760, height));
        }
        return figures;
    }

    private static String describeBars(List<String> labels)
    {
        return labels.isEmpty() ? "nothing (no stay or exposure in the protocol's timeline)"
                : String.join(", ", labels) + " (an exposure without a recorded stop runs to the end of the lane)";
    }

    /** A patient's lane: the stay and exposures as bars, the other dates as markers, all in days from day 0. */
    static Lane lane(StudyData data, CaseRecord record, List<CtStudy> studies)
    {
        ReportLayout.Timeline timeline = data.protocol().report().timeline();
        LocalDate dayZero = record.dayZero();
        Map<String, List<Long>> markers = new LinkedHashMap<>();
        List<String> markerFields = new ArrayList<>();
        if (timeline.configured()) {
            timeline.markers().forEach(marker -> add(markers, marker.label(), dayZero, record.date(marker.field())));
        }
        else {
            CaseSchema schema = data.protocol().caseSchema();
            var outcomes = data.protocol().outcomes();
            for (CaseField field : schema.fields()) {
                if (field.kind() == FieldKind.DATE && !field.name().equals(schema.dayZeroField()) && !field.name().equals(outcomes.deathField())
                        && !field.name().equals(outcomes.lastFollowupField())) {
                    markerFields.add(field.name());
                    add(markers, field.label(), dayZero, record.date(field.name()));
                }
            }
        }
        studies.forEach(study -> add(markers, CT, dayZero, study.date()));
        LocalDate death = data.deathDate(record);
        if (death != null) {
            add(markers, DEATH, dayZero, death);
        }
        else {
            add(markers, FOLLOWUP, dayZero, data.lastFollowupDate(record));
        }
        long first = Math.min(0, markers.values().stream().flatMap(List::stream).mapToLong(Long::longValue).min().orElse(0));
        long last = Math.max(0, markers.values().stream().flatMap(List::stream).mapToLong(Long::longValue).max().orElse(0));
        List<Bar> bars = new ArrayList<>();
        LocalDate stayFrom = record.date(timeline.stayFrom());
        LocalDate stayTo = record.date(timeline.stayTo());
        if (stayFrom != null) {
            long to = stayTo == null ? last : days(dayZero, stayTo);
            bars.add(new Bar("hospital stay", days(dayZero, stayFrom), to));
        }
        LocalDate end = data.followupEnd(record);
        long laneEnd = end != null ? days(dayZero, end) : last;
        for (ReportLayout.Exposure exposure : timeline.exposures()) {
            LocalDate start = record.date(exposure.start());
            if (start == null) {
                continue;
            }
            long from = days(dayZero, start);
            LocalDate stop = record.date(exposure.stop());
            long to = stop != null ? days(dayZero, stop) : exposure.days() != null ? from + exposure.days() - 1 : Math.max(from, laneEnd);
            bars.add(new Bar(exposure.label(), from, to));
        }
        for (Bar bar : bars) {
            first = Math.min(first, bar.from());
            last = Math.max(last, bar.to());
        }
        return new Lane(data.caseLabel(record.patientId()), bars, markers, first, last);
    }

    private static long days(LocalDate dayZero, LocalDate date)
    {
        return ChronoUnit.DAYS.between(dayZero, date);
    }

    private static void add(Map<String, List<Long>> markers, String label, LocalDate dayZero, LocalDate date)
    {
        if (date != null) {
            markers.computeIfAbsent(label, key -> new ArrayList<>()).add(days(dayZero, date));
        }
    }

    private static JFreeChart chart(List<Lane> lanes, List<String> barLabels, List<String> markerLabels, double[] range, boolean broken, String dayZero)
    {
        XYSeriesCollection dataset = new XYSeriesCollection();
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (String label : markerLabels) {
            XYSeries points = new XYSeries(label, false, true);
            series.put(label, points);
            dataset.addSeries(points);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        String[] names = new String[lanes.size()];
        double clip = BREAK_DAY - 4;
        for (int i = 0; i < lanes.size(); i++) {
            Lane lane = lanes.get(i);
            int y = lanes.size() - 1 - i;
            names[y] = lane.name();
            renderer.addAnnotation(new XYLineAnnotation(Math.max(lane.start(), clip), y, lane.end(), y, new BasicStroke(0.8f), ChartStyle.LIGHT_GREY), Layer.BACKGROUND);
            for (Bar bar : lane.bars()) {
                int index = barLabels.indexOf(bar.label());
                boolean stay = bar.label().equals("hospital stay");
                double half = stay ? 0.3 : 0.11;
                double offset = stay ? 0 : -0.15 + 0.3 * ((index - (barLabels.contains("hospital stay") ? 1 : 0)) % 2);
                double from = Math.max(bar.from(), clip);
                Shape shape = new Rectangle2D.Double(from, y + offset - half, Math.max(bar.to() - from, 0.6), 2 * half);
                renderer.addAnnotation(new XYShapeAnnotation(shape, new BasicStroke(0.6f), ChartStyle.INK, fill(bar.label(), barLabels)),
                        stay ? Layer.BACKGROUND : Layer.FOREGROUND);
            }
            for (Map.Entry<String, List<Long>> entry : lane.markers().entrySet()) {
                for (long day : entry.getValue()) {
                    double x = broken && day < BREAK_DAY ? clip : day;
                    double at = y + (entry.getKey().equals(CT) ? 0.38 : 0);
                    series.get(entry.getKey()).add(x, at);
                    if (broken && day < BREAK_DAY) {
                        XYTextAnnotation text = new XYTextAnnotation("day " + day, x + 1.8, at);
                        text.setFont(ChartStyle.SMALL);
                        text.setTextAnchor(TextAnchor.CENTER_LEFT);
                        renderer.addAnnotation(text);
                    }
                }
            }
        }
        renderer.setUseFillPaint(true);
        renderer.setDrawOutlines(true);
        renderer.setUseOutlinePaint(true);
        int next = 0;
        for (int i = 0; i < markerLabels.size(); i++) {
            String label = markerLabels.get(i);
            Shape shape;
            boolean filled;
            if (label.equals(CT)) {
                shape = ChartStyle.marker(CT_MARKER, 9);
                filled = false;
            }
            else if (label.equals(DEATH)) {
                shape = ChartStyle.marker(DEATH_MARKER, 10);
                filled = true;
            }
            else if (label.equals(FOLLOWUP)) {
                shape = arrow();
                filled = true;
            }
            else {
                while (next == CT_MARKER || next == DEATH_MARKER) {
                    next++;
                }
                shape = ChartStyle.marker(next, 9);
                filled = ChartStyle.filled(next);
                next++;
            }
            renderer.setSeriesPaint(i, ChartStyle.INK);
            renderer.setSeriesOutlinePaint(i, ChartStyle.INK);
            renderer.setSeriesOutlineStroke(i, new BasicStroke(1.3f));
            renderer.setSeriesShape(i, shape);
            renderer.setSeriesFillPaint(i, filled ? ChartStyle.INK : Color.WHITE);
        }
        SymbolAxis patientAxis = new SymbolAxis("Patient", names);
        patientAxis.setGridBandsVisible(false);
        patientAxis.setRange(-0.7, lanes.size() - 0.1);
        NumberAxis dayAxis = new NumberAxis("Days from day 0 (" + dayZero + ")");
        dayAxis.setRange(range[0], range[1]);
        XYPlot plot = new XYPlot(dataset, dayAxis, patientAxis, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setRangeGridlinesVisible(false);
        plot.addDomainMarker(new ValueMarker(0, ChartStyle.INK, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f)));
        if (broken) {
            // the axis break: two slanted strokes across the lanes' foot, between the clipped dates and the drawn span
            for (double dx : new double[] {-0.6, 0.6}) {
                plot.addAnnotation(new XYLineAnnotation(BREAK_DAY - 2 + dx, -0.65, BREAK_DAY - 1 + dx, -0.35, new BasicStroke(1.2f), ChartStyle.INK));
            }
        }
        LegendItemCollection legend = new LegendItemCollection();
        for (String label : barLabels) {
            LegendItem item = new LegendItem(label, null, null, null, new Rectangle2D.Double(-7, -4, 14, 8), fill(label, barLabels), new BasicStroke(0.6f), ChartStyle.INK);
            item.setLabelFont(ChartStyle.TICK);
            legend.add(item);
        }
        for (int i = 0; i < markerLabels.size(); i++) {
            LegendItem item = renderer.getLegendItem(0, i);
            if (item != null) {
                legend.add(item);
            }
        }
        plot.setFixedLegendItems(legend);
        ChartStyle.blackAxis(patientAxis);
        ChartStyle.blackAxis(dayAxis);
        return ChartStyle.apply(new JFreeChart(null, ChartStyle.TITLE, plot, true));
    }

    /** The stay's light grey, the exposures' black, grey and white in the timeline's order. */
    private static Color fill(String label, List<String> barLabels)
    {
        if (label.equals("hospital stay")) {
            return STAY;
        }
        int index = barLabels.indexOf(label) - (barLabels.contains("hospital stay") ? 1 : 0);
        return EXPOSURE_FILLS[Math.floorMod(index, EXPOSURE_FILLS.length)];
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

    static Map<String, List<CtStudy>> studiesByPatient(StudyData data)
    {
        Map<String, List<CtStudy>> studies = new java.util.HashMap<>();
        for (CtStudy study : data.workbook().ctStudies()) {
            studies.computeIfAbsent(study.patientId(), id -> new ArrayList<>()).add(study);
        }
        return studies;
    }
}
