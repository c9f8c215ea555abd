package org.casebook.report.figure;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.casebook.report.ScreeningFlow;

import static java.util.Objects.requireNonNull;

/**
 * Where each box, line of text and arrow of the flow diagram goes, in chart units at print size
 * (one unit prints at {@link FigureFiles#PT_PER_UNIT} pt), for a given width. The main column
 * holds the patients left at each step, top to bottom; beside each arrow between two of its boxes
 * a box gives the patients that criterion excluded and the criterion in the protocol's words,
 * wrapped to the column. A side box may reach down beside the next main box, never into the next
 * side box, which keeps many criteria short enough for one page.
 *
 * @param width the layout's width
 * @param height the height it needs
 */
record FlowLayout(double width, double height, List<Box> mainBoxes, List<Box> exclusionBoxes, List<Arrow> arrows)
{
    static final Font TEXT = ChartStyle.SMALL;
    static final Font BOLD = ChartStyle.TITLE.deriveFont(ChartStyle.SMALL.getSize2D());
    static final double LINE_HEIGHT = TEXT.getSize2D() * 1.25;
    static final double PADDING = 5;
    static final double MARGIN = 4;
    /** Between the main column's boxes, at least: room for the arrow. */
    private static final double MAIN_GAP = 20;
    /** Between an exclusion box and the box above it in either column. */
    private static final double SIDE_GAP = 7;
    private static final double COLUMN_GAP = 22;
    /** Text is measured as the PNG draws it (fractional metrics, antialiased); a little slack for the browsers' own measure. */
    private static final FontRenderContext MEASURE = new FontRenderContext(null, true, true);
    private static final double SLACK = 2;

    FlowLayout
    {
        mainBoxes = List.copyOf(mainBoxes);
        exclusionBoxes = List.copyOf(exclusionBoxes);
        arrows = List.copyOf(arrows);
    }

    /** One line of a box's text, at its baseline offset from the box's top. */
    record Line(String text, boolean bold, double baseline) {}

    record Box(double x, double y, double width, double height, List<Line> lines)
    {
        Box
        {
            lines = List.copyOf(lines);
        }

        double bottom()
        {
            return y + height;
        }

        boolean overlaps(Box other)
        {
            return x < other.x + other.width && other.x < x + width && y < other.bottom() && other.y < bottom();
        }
    }

    /** A line from (x1, y1) to (x2, y2) with its head at the second point. */
    record Arrow(double x1, double y1, double x2, double y2) {}

    /** The diagram of {@code flow} laid out {@code width} units wide. */
    static FlowLayout of(ScreeningFlow flow, double width)
    {
        requireNonNull(flow, "flow is null");
        double mainWidth = Math.round(width * 0.38);
        double sideX = MARGIN + mainWidth + COLUMN_GAP;
        double sideWidth = width - MARGIN - sideX;
        double centre = MARGIN + mainWidth / 2;
        List<Box> main = new ArrayList<>();
        List<Box> side = new ArrayList<>();
        List<Arrow> arrows = new ArrayList<>();
        main.add(box(MARGIN, MARGIN, mainWidth, "Patients in the EHR extract", flow.patientsInExtract()));
        double sideBottom = 0;
        List<ScreeningFlow.Step> steps = flow.steps();
        for (int i = 0; i < steps.size(); i++) {
            ScreeningFlow.Step step = steps.get(i);
            double above = main.get(main.size() - 1).bottom();
            Box excluded = exclusion(sideX, Math.max(above + SIDE_GAP, sideBottom + SIDE_GAP), sideWidth, i + 1, step);
            double arrowY = excluded.y() + Math.min(excluded.height() / 2, LINE_HEIGHT);
            double nextTop = Math.max(above + MAIN_GAP, arrowY + MAIN_GAP / 2);
            String label = i == steps.size() - 1 ? "Included (consecutive cases)" : i == 0 ? "Met criterion 1" : "Met criteria 1–" + (i + 1);
            main.add(box(MARGIN, nextTop, mainWidth, label, step.left()));
            arrows.add(new Arrow(centre, above, centre, nextTop));
            arrows.add(new Arrow(centre, arrowY, sideX, arrowY));
            side.add(excluded);
            sideBottom = excluded.bottom();
        }
        if (steps.isEmpty()) {
            double above = main.get(0).bottom();
            main.add(box(MARGIN, above + MAIN_GAP, mainWidth, "Included (consecutive cases)", flow.included()));
            arrows.add(new Arrow(centre, above, centre, above + MAIN_GAP));
        }
        double bottom = Math.max(main.get(main.size() - 1).bottom(), sideBottom);
        return new FlowLayout(width, Math.ceil(bottom + MARGIN), main, side, arrows);
    }

    /** A main-column box: the step's words, then its patients in bold. */
    private static Box box(double x, double y, double width, String label, long patients)
    {
        List<Line> lines = new ArrayList<>();
        for (String text : wrap(label, TEXT, width - 2 * PADDING)) {
            lines.add(new Line(text, false, 0));
        }
        lines.add(new Line("n = " + count(patients), true, 0));
        return placed(x, y, width, lines);
    }

    /** A side box: how many the criterion excluded, then the criterion, numbered, in the protocol's words. */
    private static Box exclusion(double x, double y, double width, int number, ScreeningFlow.Step step)
    {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("Excluded: n = " + count(step.excluded()), true, 0));
        // "(not met)" is kept on one line: a no-break space
        for (String text : wrap(number + ". " + step.criterion() + " (not\u00A0met)", TEXT, width - 2 * PADDING)) {
            lines.add(new Line(text, false, 0));
        }
        return placed(x, y, width, lines);
    }

    private static Box placed(double x, double y, double width, List<Line> lines)
    {
        List<Line> placed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            // the baseline sits about a fifth of a line above the line's bottom
            placed.add(new Line(lines.get(i).text(), lines.get(i).bold(), PADDING + (i + 0.8) * LINE_HEIGHT));
        }
        return new Box(x, y, width, 2 * PADDING + lines.size() * LINE_HEIGHT, placed);
    }

    /** Patients with thousands grouped, as a reader counts them: 100,000. */
    static String count(long patients)
    {
        return String.format(Locale.ENGLISH, "%,d", patients);
    }

    /** Words filled into lines no wider than {@code width}; a word longer than a line is cut. */
    static List<String> wrap(String text, Font font, double width)
    {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (fits(candidate, font, width)) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (!fits(rest, font, width)) {
                int cut = longestFittingPrefix(rest, font, width);
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    static double textWidth(String text, Font font)
    {
        return font.getStringBounds(text, MEASURE).getWidth();
    }

    private static boolean fits(String text, Font font, double width)
    {
        return textWidth(text, font) <= width - SLACK;
    }

    private static int longestFittingPrefix(String word, Font font, double width)
    {
        int cut = 1;
        while (cut < word.length() && fits(word.substring(0, cut + 1), font, width)) {
            cut++;
        }
        return cut;
    }
}
