package org.casebook.report.figure;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

import org.casebook.report.SeriesFixtures;
import org.casebook.report.StudyReport;
import org.casebook.report.Provenance;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each figure's files for a journal: SVG sized in mm at a column width, PNG at 300 dpi, no text under 7 pt at print size. */
class FigureFilesTest
{
    static final List<Figure> FIGURES = figures();

    private static List<Figure> figures()
    {
        var data = SeriesFixtures.sixPatientData();
        Provenance provenance = new Provenance("0.1.0-test", data.protocol().id(), data.protocol().sha256(), "fixture", "ab".repeat(32),
                java.time.Instant.parse("2026-01-02T03:04:05Z"));
        return StudyReport.build(data, provenance).figures();
    }
    private static final Pattern FONT_SIZE = Pattern.compile("font-size: ?([0-9.]+)px");
    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=[\"']0(?:\\.0)? 0(?:\\.0)? ([0-9.]+) ([0-9.]+)[\"']");
    private static final Pattern WIDTH = Pattern.compile("<svg width=\"([0-9.]+)mm\" height=\"([0-9.]+)mm\"");

    @Test
    void everyFigureFitsAJournalColumnAndPrintsNoTextUnderSevenPoints()
    {
        assertThat(FIGURES).hasSizeGreaterThanOrEqualTo(6);
        for (Figure figure : FIGURES) {
            String svg = FigureFiles.svg(figure);
            Matcher size = WIDTH.matcher(svg);
            assertThat(size.find()).as(figure.id()).isTrue();
            double widthMm = Double.parseDouble(size.group(1));
            double heightMm = Double.parseDouble(size.group(2));
            assertThat(widthMm).as(figure.id()).isIn(85.0, 170.0);
            assertThat(heightMm).as(figure.id()).isLessThanOrEqualTo(225.0);
            Matcher box = VIEW_BOX.matcher(svg);
            assertThat(box.find()).as(figure.id()).isTrue();
            double ptPerUnit = widthMm / 25.4 * 72 / Double.parseDouble(box.group(1));
            Matcher fonts = FONT_SIZE.matcher(svg);
            double smallest = Double.MAX_VALUE;
            int texts = 0;
            while (fonts.find()) {
                smallest = Math.min(smallest, Double.parseDouble(fonts.group(1)) * ptPerUnit);
                texts++;
            }
            assertThat(texts).as(figure.id() + " has text").isPositive();
            assertThat(smallest).as(figure.id() + ": smallest text in pt at " + widthMm + " mm").isGreaterThanOrEqualTo(7.0);
        }
    }

    @Test
    void spaghettiPlotsAreSingleColumnAndSwimmerPlotsDoubleColumn()
    {
        Figure spaghetti = FIGURES.stream().filter(figure -> figure.id().endsWith("_ct_total")).findFirst().orElseThrow();
        Figure swimmer = FIGURES.stream().filter(figure -> figure.id().endsWith("_swimmer")).findFirst().orElseThrow();
        assertThat(FigureFiles.printSize(spaghetti).widthMm()).isEqualTo(85.0);
        assertThat(FigureFiles.printSize(swimmer).widthMm()).isEqualTo(170.0);
    }

    @Test
    void pngIsThreeHundredDpiAtPrintSize()
            throws Exception
    {
        Figure figure = FIGURES.get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FigureFiles.png(figure, out);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            // 85 mm at 300 dpi = 1004 pixels
            assertThat(reader.getWidth(0)).isEqualTo(1004);
            assertThat((double) reader.getHeight(0)).isCloseTo(1004.0 * figure.height() / figure.width(), within(1.5));
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            Node physical = root.getElementsByTagName("pHYs").item(0);
            assertThat(physical).isNotNull();
            double perMetre = Double.parseDouble(physical.getAttributes().getNamedItem("pixelsPerUnitXAxis").getNodeValue());
            assertThat(perMetre * 0.0254).isCloseTo(300.0, within(0.1));
            assertThat(physical.getAttributes().getNamedItem("unitSpecifier").getNodeValue().toLowerCase(Locale.ROOT)).isEqualTo("meter");
            // not a blank page: dark pixels (the axes and lines) are drawn
            var image = reader.read(0);
            int dark = 0;
            for (int y = 0; y < image.getHeight(); y += 3) {
                for (int x = 0; x < image.getWidth(); x += 3) {
                    if ((image.getRGB(x, y) & 0xFF) < 100) {
                        dark++;
                    }
                }
            }
            assertThat(dark).isGreaterThan(200);
        }
    }

    @Test
    void pngHoldsEveryRowOfTheDrawnFigure()
            throws Exception
    {
        for (Figure figure : List.of(FIGURES.get(0), FIGURES.stream().filter(f -> f.column() == Figure.Column.DOUBLE).findFirst().orElseThrow())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FigureFiles.png(figure, out);
            var decoded = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
            var drawn = FigureFiles.draw(figure);
            assertThat(decoded.getWidth()).as(figure.id()).isEqualTo(drawn.getWidth());
            assertThat(decoded.getHeight()).as(figure.id()).isEqualTo(drawn.getHeight());
            int[] expected = drawn.getRGB(0, 0, drawn.getWidth(), drawn.getHeight(), null, 0, drawn.getWidth());
            int[] actual = decoded.getRGB(0, 0, drawn.getWidth(), drawn.getHeight(), null, 0, drawn.getWidth());
            int firstDifference = java.util.Arrays.mismatch(expected, actual);
            assertThat(firstDifference).as(figure.id() + ": first pixel not as drawn (row " + firstDifference / Math.max(1, drawn.getWidth()) + ")").isEqualTo(-1);
        }
    }
}
