package org.casebook.report.figure;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.casebook.report.Provenance;
import org.casebook.report.ScreeningFlow;
import org.casebook.report.SeriesFixtures;
import org.casebook.report.StudyReport;
import org.casebook.report.render.ReportWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A screened report with twelve long criteria: the flow diagram is Figure 1 in every document,
 * and its PDF page, read back by PDFBox and rendered by pdftoppm, holds the whole diagram on one
 * page, every word inside the page's text block, no word over another and the caption below it.
 */
class FlowDiagramPagesTest
{
    private static final Path PDFTOPPM = Path.of("/usr/bin/pdftoppm");
    /** A4 and the report's page margins (its @page rule), in PDF points. */
    private static final double PAGE_WIDTH = 595.3;
    private static final double PAGE_HEIGHT = 841.9;
    private static final double SIDE_MARGIN = 16 / 25.4 * 72;
    private static final double TOP_MARGIN = 18 / 25.4 * 72;

    static final ScreeningFlow TWELVE = twelveCriteria();

    @TempDir
    static Path directory;
    static StudyReport report;
    static ReportWriter.ReportFiles files;

    @BeforeAll
    static void writeReport()
    {
        var data = SeriesFixtures.sixPatientData();
        Provenance provenance = new Provenance("0.1.0-test", data.protocol().id(), data.protocol().sha256(), "fixture", "ab".repeat(32),
                Instant.parse("2026-01-02T03:04:05Z"));
        report = StudyReport.build(data, provenance, Optional.of(TWELVE));
        files = new ReportWriter().write(report, directory.resolve("screened"));
    }

    @Test
    void theDiagramIsFigureOneInTheHtmlTheFilesAndTheWordDocument()
            throws Exception
    {
        Figure flow = report.figures().get(0);
        assertThat(flow.id()).isEqualTo("figure1_screening_flow");
        assertThat(Files.readString(files.html())).contains("<figure id=\"figure1_screening_flow\">").contains("Excluded: n = 8,700")
                .contains("Excluded: n = 294").contains("Met criteria 1–11");
        assertThat(Files.readString(files.figures().resolve("figure1_screening_flow.svg"))).contains("n = 10,000");
        assertThat(Files.size(files.figures().resolve("figure1_screening_flow.png"))).isPositive();
        assertThat(Files.readAllLines(files.figures().resolve(ReportWriter.CAPTIONS)).get(0)).startsWith("figure1_screening_flow\tFigure 1. Flow");
        try (XWPFDocument docx = new XWPFDocument(Files.newInputStream(files.docx()))) {
            assertThat(docx.getAllPictures()).hasSize(1);
            assertThat(docx.getParagraphs()).anyMatch(paragraph -> paragraph.getText().startsWith("Figure 1. Flow"));
            assertThat(docx.getTables()).hasSize(report.allTables().size());
        }
    }

    @Test
    void onOnePageOfThePdfEveryWordInsideThePageAndNoneOverAnother()
            throws Exception
    {
        try (PDDocument pdf = Loader.loadPDF(files.pdf().toFile())) {
            int page = captionPage(pdf);
            List<Word> words = words(pdf, page);
            Word caption = words.stream().filter(word -> word.text().equals("Flow")).findFirst().orElseThrow();
            List<Word> diagram = words.stream().filter(word -> word.bottom() < caption.top()).toList();
            // every line of every box is on this page
            String text = String.join(" ", diagram.stream().map(Word::text).toList());
            FlowLayout layout = FlowLayout.of(TWELVE, report.figures().get(0).width());
            List<FlowLayout.Box> boxes = new ArrayList<>(layout.mainBoxes());
            boxes.addAll(layout.exclusionBoxes());
            for (FlowLayout.Box box : boxes) {
                for (FlowLayout.Line line : box.lines()) {
                    assertThat(text).contains(line.text());
                }
            }
            for (Word word : diagram) {
                assertThat(word.left()).as(word.text()).isGreaterThanOrEqualTo(SIDE_MARGIN - 1);
                assertThat(word.right()).as(word.text()).isLessThanOrEqualTo(PAGE_WIDTH - SIDE_MARGIN + 1);
                assertThat(word.top()).as(word.text()).isGreaterThanOrEqualTo(TOP_MARGIN - 1);
                // 7 pt or more as printed in the PDF too
                assertThat(word.bottom() - word.top()).as(word.text()).isGreaterThanOrEqualTo(5.0);
            }
            for (int i = 0; i < diagram.size(); i++) {
                for (int j = i + 1; j < diagram.size(); j++) {
                    assertThat(diagram.get(i).overlaps(diagram.get(j))).as(diagram.get(i) + " / " + diagram.get(j)).isFalse();
                }
            }
        }
    }

    @Test
    void renderedByPdftoppmEveryBoxIsDrawnWholeWithinTheTextBlock()
            throws Exception
    {
        assumeTrue(Files.isExecutable(PDFTOPPM), "page rendering check skipped: " + PDFTOPPM + " is absent (apt-get install poppler-utils)");
        int page;
        Word first;
        try (PDDocument pdf = Loader.loadPDF(files.pdf().toFile())) {
            page = captionPage(pdf);
            first = words(pdf, page).stream().filter(word -> word.text().equals("Patients")).findFirst().orElseThrow();
        }
        Path prefix = directory.resolve("page");
        Process process = new ProcessBuilder(PDFTOPPM.toString(), "-f", Integer.toString(page), "-l", Integer.toString(page), "-r", "144", "-png",
                "-singlefile", files.pdf().toString(), prefix.toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        BufferedImage image = ImageIO.read(prefix.resolveSibling("page.png").toFile());
        double pixelsPerPoint = image.getWidth() / PAGE_WIDTH;
        // ink only inside the margins, above the bottom margin's page number
        int[] ink = inkBounds(image, (int) ((PAGE_HEIGHT - TOP_MARGIN) * pixelsPerPoint));
        assertThat(ink[0] / pixelsPerPoint).as("left").isGreaterThanOrEqualTo(SIDE_MARGIN - 1);
        assertThat(ink[1] / pixelsPerPoint).as("top").isGreaterThanOrEqualTo(TOP_MARGIN - 1);
        assertThat(ink[2] / pixelsPerPoint).as("right").isLessThanOrEqualTo(PAGE_WIDTH - SIDE_MARGIN + 1);
        // each box's four sides are drawn where the layout puts them: the diagram is whole, not clipped
        Figure figure = report.figures().get(0);
        FlowLayout layout = FlowLayout.of(TWELVE, figure.width());
        double widthMm = Math.min(Math.min(170, 225.0 * figure.width() / figure.height()), 170.0 * figure.width() / FigureRenderer.REPORT_WIDTH);
        double scale = widthMm / 25.4 * 72 / layout.width();
        FlowLayout.Box top = layout.mainBoxes().get(0);
        double originX = first.left() - (top.x() + FlowLayout.PADDING) * scale;
        double originY = first.bottom() - (top.y() + top.lines().get(0).baseline()) * scale;
        List<FlowLayout.Box> boxes = new ArrayList<>(layout.mainBoxes());
        boxes.addAll(layout.exclusionBoxes());
        for (FlowLayout.Box box : boxes) {
            double left = originX + box.x() * scale;
            double right = originX + (box.x() + box.width()) * scale;
            double upper = originY + box.y() * scale;
            double lower = originY + box.bottom() * scale;
            double middleX = (left + right) / 2;
            double middleY = (upper + lower) / 2;
            String name = box.lines().get(0).text();
            assertThat(dark(image, left * pixelsPerPoint, middleY * pixelsPerPoint)).as(name + ": left side").isTrue();
            assertThat(dark(image, right * pixelsPerPoint, middleY * pixelsPerPoint)).as(name + ": right side").isTrue();
            assertThat(dark(image, (left + 2) * pixelsPerPoint, upper * pixelsPerPoint)).as(name + ": top").isTrue();
            assertThat(dark(image, (left + 2) * pixelsPerPoint, lower * pixelsPerPoint)).as(name + ": bottom").isTrue();
            assertThat(middleX).isLessThan(PAGE_WIDTH - SIDE_MARGIN);
        }
    }

    /** Whether a pixel within 2 of (x, y) is dark: a line of the diagram is there. */
    private static boolean dark(BufferedImage image, double x, double y)
    {
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                int px = (int) Math.round(x) + dx;
                int py = (int) Math.round(y) + dy;
                if (px >= 0 && py >= 0 && px < image.getWidth() && py < image.getHeight() && (image.getRGB(px, py) & 0xFF) < 160) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int captionPage(PDDocument pdf)
            throws IOException
    {
        List<Integer> pages = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper();
        for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            if (stripper.getText(pdf).replaceAll("\\s+", " ").contains("Figure 1. Flow of the consecutive cases")) {
                pages.add(page);
            }
        }
        assertThat(pages).as("pages with the flow diagram's caption").hasSize(1);
        return pages.get(0);
    }

    record Word(String text, double left, double top, double right, double bottom)
    {
        boolean overlaps(Word other)
        {
            // a hair of tolerance: adjacent glyph boxes may touch
            return left < other.right - 0.5 && other.left < right - 0.5 && top < other.bottom - 0.5 && other.top < bottom - 0.5;
        }
    }

    private static List<Word> words(PDDocument pdf, int page)
            throws IOException
    {
        List<Word> words = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper()
        {
            @Override
            protected void writeString(String text, List<TextPosition> positions)
            {
                StringBuilder word = new StringBuilder();
                List<TextPosition> glyphs = new ArrayList<>();
                for (TextPosition position : positions) {
                    if (position.getUnicode().isBlank()) {
                        add(word, glyphs);
                        continue;
                    }
                    word.append(position.getUnicode());
                    glyphs.add(position);
                }
                add(word, glyphs);
            }

            private void add(StringBuilder word, List<TextPosition> glyphs)
            {
                if (!glyphs.isEmpty()) {
                    TextPosition first = glyphs.get(0);
                    TextPosition last = glyphs.get(glyphs.size() - 1);
                    double height = glyphs.stream().mapToDouble(TextPosition::getHeightDir).max().orElse(0);
                    words.add(new Word(word.toString(), first.getXDirAdj(), first.getYDirAdj() - height, last.getXDirAdj() + last.getWidthDirAdj(),
                            first.getYDirAdj()));
                }
                word.setLength(0);
                glyphs.clear();
            }
        };
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        stripper.getText(pdf);
        return words;
    }

    /** Left, top, right of the dark pixels above row {@code belowRow}. */
    private static int[] inkBounds(BufferedImage image, int belowRow)
    {
        int left = Integer.MAX_VALUE;
        int top = Integer.MAX_VALUE;
        int right = -1;
        for (int y = 0; y < Math.min(belowRow, image.getHeight()); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFF) < 128) {
                    left = Math.min(left, x);
                    top = Math.min(top, y);
                    right = Math.max(right, x);
                }
            }
        }
        return new int[] {left, top, right};
    }

    /** Twelve criteria in a protocol's long words: 8,700 without the index event, 100 excluded by each next, 6 included. */
    private static ScreeningFlow twelveCriteria()
    {
        List<String> criteria = List.of(
                "Inpatient admission for interstitial lung disease starting within the study window",
                "Rheumatoid arthritis recorded on or before the admission date",
                "Methylprednisolone started during the admission",
                "A JAK inhibitor started during the admission",
                "High-resolution CT of the chest in the 30 days before the admission",
                "No lung cancer recorded in the year before day 0",
                "Age 18 years or older at the admission",
                "A PaO2/FiO2 ratio recorded during the admission",
                "No lung transplantation at any time before the admission",
                "Forced vital capacity measured in the year before the admission",
                "No other connective tissue disease recorded before the admission",
                "Adverse-event record of a serious infection absent during the first 30 days after treatment started");
        List<ScreeningFlow.Step> steps = new ArrayList<>();
        steps.add(new ScreeningFlow.Step(criteria.get(0), 1_300, 8_700));
        long left = 1_300;
        for (int i = 1; i < criteria.size(); i++) {
            long excluded = i < criteria.size() - 1 ? 100 : left - 6;
            left -= excluded;
            steps.add(new ScreeningFlow.Step(criteria.get(i), left, excluded));
        }
        return new ScreeningFlow(10_000, steps, left, 6);
    }
}
