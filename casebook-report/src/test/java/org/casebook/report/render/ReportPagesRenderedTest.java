package org.casebook.report.render;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every page of the fixture's PDF report rendered by pdftoppm: nothing a figure or table draws
 * reaches into the page's margins (the report's @page rules: 18/16 mm on portrait pages, 14 mm
 * on landscape ones), so nothing is clipped at the paper's edge; only the page number sits in
 * the bottom margin.
 */
class ReportPagesRenderedTest
{
    private static final Path PDFTOPPM = Path.of("/usr/bin/pdftoppm");
    private static final int DPI = 50;

    @TempDir
    Path directory;

    @Test
    void noPageDrawsIntoItsMargins()
            throws Exception
    {
        assumeTrue(Files.isExecutable(PDFTOPPM), "page rendering check skipped: " + PDFTOPPM + " is absent (apt-get install poppler-utils)");
        ReportWriter.ReportFiles files = new ReportWriter().write(ReportWriterTest.fixtureReport(ReportWriterTest.GENERATED), directory.resolve("report"));
        int pages;
        try (PDDocument pdf = Loader.loadPDF(files.pdf().toFile())) {
            pages = pdf.getNumberOfPages();
        }
        Process process = new ProcessBuilder(PDFTOPPM.toString(), "-r", Integer.toString(DPI), "-png", files.pdf().toString(),
                directory.resolve("page").toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        List<Path> images;
        try (Stream<Path> listed = Files.list(directory)) {
            images = listed.filter(path -> path.getFileName().toString().startsWith("page")).sorted().toList();
        }
        assertThat(images).hasSize(pages);
        List<String> problems = new ArrayList<>();
        for (Path file : images) {
            BufferedImage page = ImageIO.read(file.toFile());
            boolean landscape = page.getWidth() > page.getHeight();
            double side = millimetres(landscape ? 14 : 16);
            double top = millimetres(landscape ? 14 : 18);
            double bottom = millimetres(landscape ? 16 : 18);
            int[] ink = inkBounds(page, (int) (page.getHeight() - bottom));
            if (ink[0] < side - 1 || ink[2] > page.getWidth() - side + 1 || ink[1] < top - 1) {
                problems.add(file.getFileName() + ": ink from (" + ink[0] + ", " + ink[1] + ") to x " + ink[2] + " on a " + page.getWidth() + " px page");
            }
        }
        assertThat(problems).isEmpty();
    }

    private static double millimetres(double mm)
    {
        return mm / 25.4 * DPI;
    }

    /** Left, top and right of the dark pixels above row {@code belowRow}. */
    private static int[] inkBounds(BufferedImage image, int belowRow)
    {
        int left = Integer.MAX_VALUE;
        int top = Integer.MAX_VALUE;
        int right = -1;
        for (int y = 0; y < belowRow; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFF) < 160) {
                    left = Math.min(left, x);
                    top = Math.min(top, y);
                    right = Math.max(right, x);
                }
            }
        }
        return new int[] {left, top, right};
    }
}
