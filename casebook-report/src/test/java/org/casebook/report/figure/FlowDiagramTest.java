package org.casebook.report.figure;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.casebook.report.ScreeningFlow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The flow diagram: the counts and criteria's words in its boxes, wrapped, nothing overlapping, at print size on one page. */
class FlowDiagramTest
{
    /** The seed protocol's criteria with the counts of a 500-patient synthetic hospital. */
    static final ScreeningFlow SEED = new ScreeningFlow(500, List.of(
            new ScreeningFlow.Step("Inpatient admission for ILD starting within the study window", 53, 447),
            new ScreeningFlow.Step("Rheumatoid arthritis recorded on or before the admission date", 40, 13),
            new ScreeningFlow.Step("Methylprednisolone started during the admission", 31, 9),
            new ScreeningFlow.Step("A JAK inhibitor started during the admission", 17, 14)), 17, 17);

    private static final Pattern FONT_SIZE = Pattern.compile("font-size: ?([0-9.]+)px");
    private static final Pattern SIZE = Pattern.compile("<svg width=\"([0-9.]+)mm\" height=\"([0-9.]+)mm\"");

    @Test
    void boxesHoldTheCountsAndTheCriteriaInTheProtocolsWordsNumberedInOrder()
    {
        FlowLayout layout = FlowLayout.of(SEED, 364);
        assertThat(layout.mainBoxes()).extracting(FlowDiagramTest::text).containsExactly(
                "Patients in the EHR extract n = 500", "Met criterion 1 n = 53", "Met criteria 1–2 n = 40", "Met criteria 1–3 n = 31",
                "Included (consecutive cases) n = 17");
        assertThat(layout.exclusionBoxes()).extracting(FlowDiagramTest::text).containsExactly(
                "Excluded: n = 447 1. Inpatient admission for ILD starting within the study window (not met)",
                "Excluded: n = 13 2. Rheumatoid arthritis recorded on or before the admission date (not met)",
                "Excluded: n = 9 3. Methylprednisolone started during the admission (not met)",
                "Excluded: n = 14 4. A JAK inhibitor started during the admission (not met)");
        // the counts are bold, the words not
        assertThat(layout.exclusionBoxes().get(1).lines().get(0)).extracting(FlowLayout.Line::bold).isEqualTo(true);
        assertThat(layout.exclusionBoxes().get(1).lines().get(1)).extracting(FlowLayout.Line::bold).isEqualTo(false);
    }

    @Test
    void longCriteriaAreWrappedInsideTheirBoxAndAWordLongerThanALineIsCut()
    {
        String endless = "X".repeat(120);
        ScreeningFlow flow = new ScreeningFlow(10, List.of(new ScreeningFlow.Step(endless, 5, 5),
                new ScreeningFlow.Step("A very long criterion description that goes on and on about the record it needs, its timing and its codes", 2, 3)),
                2, 2);
        FlowLayout layout = FlowLayout.of(flow, 364);
        FlowLayout.Box first = layout.exclusionBoxes().get(0);
        FlowLayout.Box second = layout.exclusionBoxes().get(1);
        assertThat(first.lines()).hasSizeGreaterThan(3);
        assertThat(second.lines()).hasSizeGreaterThan(3);
        assertThat(text(first).replace(" ", "")).contains(endless);
        assertTextInsideBoxes(layout);
        assertThat(FlowLayout.wrap("one two", FlowLayout.TEXT, 1000)).containsExactly("one two");
        // "(not met)" is never split over two lines
        assertThat(first.lines()).noneMatch(line -> line.text().endsWith("(not")).anyMatch(line -> line.text().endsWith("(not\u00A0met)"));
        assertThat(second.lines()).noneMatch(line -> line.text().endsWith("(not"));
    }

    @Test
    void noBoxOverlapsAnotherOrLeavesTheFigureAndEveryArrowRunsBetweenBoxes()
    {
        for (ScreeningFlow flow : List.of(SEED, many(12, 80), many(1, 10), many(3, 200))) {
            FlowLayout layout = FlowLayout.of(flow, 364);
            List<FlowLayout.Box> boxes = new ArrayList<>(layout.mainBoxes());
            boxes.addAll(layout.exclusionBoxes());
            for (int i = 0; i < boxes.size(); i++) {
                FlowLayout.Box box = boxes.get(i);
                assertThat(box.x()).isGreaterThanOrEqualTo(0);
                assertThat(box.y()).isGreaterThanOrEqualTo(0);
                assertThat(box.x() + box.width()).isLessThanOrEqualTo(layout.width());
                assertThat(box.bottom()).isLessThanOrEqualTo(layout.height());
                for (int j = i + 1; j < boxes.size(); j++) {
                    assertThat(box.overlaps(boxes.get(j))).as(text(box) + " / " + text(boxes.get(j))).isFalse();
                }
            }
            for (FlowLayout.Arrow arrow : layout.arrows()) {
                // an arrow crosses no box: its midpoint and its end just before the head lie in no box
                for (double t : new double[] {0.5, 0.95}) {
                    double x = arrow.x1() + t * (arrow.x2() - arrow.x1());
                    double y = arrow.y1() + t * (arrow.y2() - arrow.y1());
                    assertThat(boxes).noneMatch(box -> x > box.x() && x < box.x() + box.width() && y > box.y() && y < box.bottom());
                }
            }
            assertTextInsideBoxes(layout);
            assertThat(layout.arrows()).hasSize(2 * flow.steps().size());
        }
    }

    @Test
    void zeroExclusionsAndOneCriterionStillDrawEveryStep()
    {
        ScreeningFlow flow = new ScreeningFlow(0, List.of(new ScreeningFlow.Step("Index admission", 0, 0)), 0, 0);
        FlowLayout layout = FlowLayout.of(flow, 364);
        assertThat(layout.mainBoxes()).extracting(FlowDiagramTest::text)
                .containsExactly("Patients in the EHR extract n = 0", "Included (consecutive cases) n = 0");
        assertThat(layout.exclusionBoxes()).extracting(FlowDiagramTest::text).containsExactly("Excluded: n = 0 1. Index admission (not met)");
        assertThat(FlowLayout.count(100_000)).isEqualTo("100,000");
    }

    @Test
    void atSingleColumnWidthTheTextPrintsAtSevenPointsOrMoreAndTwelveCriteriaFitOnePage()
    {
        Figure seed = FlowDiagram.of(SEED, 1);
        assertThat(seed.id()).isEqualTo("figure1_screening_flow");
        assertThat(seed.caption()).startsWith("Figure 1. Flow of the consecutive cases");
        assertThat(seed.column()).isEqualTo(Figure.Column.SINGLE);
        assertPrintsLegiblyOnOnePage(seed, 85.0);
        Figure twelve = FlowDiagram.of(many(12, 90), 1);
        assertPrintsLegiblyOnOnePage(twelve, twelve.column() == Figure.Column.SINGLE ? 85.0 : 170.0);
        // and the text really is there: the last criterion's words are in the SVG
        assertThat(FigureFiles.svg(twelve)).contains("n = 1,200").contains("12. Criterion");
    }

    @Test
    void aWorkbookEditedAfterScreeningIsSaidInTheCaption()
    {
        ScreeningFlow edited = new ScreeningFlow(SEED.patientsInExtract(), SEED.steps(), 17, 16);
        assertThat(FlowDiagram.of(edited, 3).caption()).startsWith("Figure 3.").contains("holds 16 patients, not the 17");
        assertThat(FlowDiagram.of(SEED, 1).caption()).doesNotContain("holds");
    }

    @Test
    void thePngIsTheDiagramAtThreeHundredDpiWithInkInsideItsEdges()
            throws Exception
    {
        Figure figure = FlowDiagram.of(SEED, 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FigureFiles.png(figure, out);
        var image = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(image.getWidth()).isEqualTo(1004);
        // dark pixels (boxes, text) drawn, none in the outermost pixel rows and columns: nothing clipped
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFF) < 100) {
                    dark++;
                    assertThat(x > 1 && y > 1 && x < image.getWidth() - 2 && y < image.getHeight() - 2).as("ink at " + x + "," + y).isTrue();
                }
            }
        }
        assertThat(dark).isGreaterThan(5000);
    }

    /** {@code n} criteria with descriptions about {@code length} characters long, 100 patients excluded by each. */
    static ScreeningFlow many(int n, int length)
    {
        List<ScreeningFlow.Step> steps = IntStream.rangeClosed(1, n)
                .mapToObj(i -> new ScreeningFlow.Step(("Criterion " + i + " with its record, its timing and its code set " + "and more words ".repeat(20))
                        .substring(0, length).trim(), 100L * (n - i), 100))
                .toList();
        return new ScreeningFlow(100L * n, steps, 0, 0);
    }

    private static void assertPrintsLegiblyOnOnePage(Figure figure, double widthMm)
    {
        String svg = FigureFiles.svg(figure);
        Matcher size = SIZE.matcher(svg);
        assertThat(size.find()).isTrue();
        assertThat(Double.parseDouble(size.group(1))).isEqualTo(widthMm);
        assertThat(Double.parseDouble(size.group(2))).isLessThanOrEqualTo(FigureFiles.MAX_HEIGHT_MM);
        double ptPerUnit = FigureFiles.PT_PER_UNIT * FigureFiles.printSize(figure).unitsWide() / figure.width();
        Matcher fonts = FONT_SIZE.matcher(svg);
        int texts = 0;
        while (fonts.find()) {
            assertThat(Double.parseDouble(fonts.group(1)) * ptPerUnit).isGreaterThanOrEqualTo(7.0);
            texts++;
        }
        assertThat(texts).isPositive();
    }

    private static void assertTextInsideBoxes(FlowLayout layout)
    {
        List<FlowLayout.Box> boxes = new ArrayList<>(layout.mainBoxes());
        boxes.addAll(layout.exclusionBoxes());
        for (FlowLayout.Box box : boxes) {
            for (FlowLayout.Line line : box.lines()) {
                double width = FlowLayout.textWidth(line.text(), line.bold() ? FlowLayout.BOLD : FlowLayout.TEXT);
                assertThat(width).as(line.text()).isLessThanOrEqualTo(box.width() - 2 * FlowLayout.PADDING);
                assertThat(line.baseline()).isLessThan(box.height());
            }
        }
    }

    /** A box's lines as one text, the no-break space of "(not met)" as a space. */
    private static String text(FlowLayout.Box box)
    {
        return String.join(" ", box.lines().stream().map(FlowLayout.Line::text).toList()).replace('\u00A0', ' ');
    }
}
