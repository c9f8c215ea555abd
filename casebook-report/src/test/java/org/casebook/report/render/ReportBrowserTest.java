package org.casebook.report.render;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.casebook.report.StudyReport;
import org.casebook.report.figure.Figure;
import org.casebook.report.table.ReportTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens report.html in headless Chromium (Debian chromium + chromium-driver, which .ci/run installs)
 * and checks that each table and figure is there, visible and drawn at a readable size. Skipped,
 * with a message, only where /usr/bin/chromedriver is absent. A screenshot of the whole page is
 * kept in target/report-screenshot.png for a human to look at.
 */
class ReportBrowserTest
{
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path directory;
    static StudyReport report;
    static ChromeDriver browser;

    @BeforeAll
    static void openReport()
            throws Exception
    {
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "browser test skipped: " + CHROMEDRIVER + " is absent (apt-get install chromium chromium-driver)");
        report = ReportWriterTest.fixtureReport(ReportWriterTest.GENERATED);
        ReportWriter.ReportFiles files = new ReportWriter().write(report, directory.resolve("report"));
        ChromeOptions options = new ChromeOptions();
        if (Files.isExecutable(CHROMIUM)) {
            options.setBinary(CHROMIUM.toFile());
        }
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1280,1000", "--user-data-dir=" + Files.createDirectories(directory.resolve("profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browser.get(files.html().toUri().toString());
    }

    @AfterAll
    static void closeBrowser()
    {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyTableIsVisibleWithItsRows()
    {
        for (ReportTable table : report.allTables()) {
            WebElement block = browser.findElement(By.id(table.id()));
            scrollTo(block);
            assertThat(block.isDisplayed()).as(table.id()).isTrue();
            assertThat(block.findElement(By.tagName("caption")).getText()).isEqualTo(table.title());
            assertThat(block.findElements(By.cssSelector("tbody tr"))).as(table.id()).hasSize(table.rows().size());
        }
        assertThat(browser.findElement(By.id("table3_timepoints")).getText()).contains("179.2 ± 47.7", "247.5 ± 49.3", "225.8 ± 56.4");
    }

    @Test
    void everyFigureIsVisibleAndDrawnAtAReadableSize()
    {
        for (Figure figure : report.figures()) {
            WebElement element = browser.findElement(By.id(figure.id()));
            scrollTo(element);
            WebElement svg = element.findElement(By.tagName("svg"));
            assertThat(svg.isDisplayed()).as(figure.id()).isTrue();
            Dimension size = svg.getSize();
            assertThat(size.getWidth()).as(figure.id() + " width").isGreaterThanOrEqualTo(500);
            assertThat(size.getHeight()).as(figure.id() + " height").isGreaterThanOrEqualTo(250);
            assertThat(element.findElement(By.tagName("figcaption")).getText()).isEqualTo(figure.caption());
            // the chart drew something: axis text is present in the SVG
            assertThat(svg.findElements(By.tagName("text"))).as(figure.id() + " labels").isNotEmpty();
            saveScreenshot(element, figure.id());
        }
    }

    @Test
    void footerShowsReproducibilityAndPageLoadsNothingFromTheNetwork()
            throws Exception
    {
        WebElement footer = browser.findElement(By.id("provenance"));
        scrollTo(footer);
        assertThat(footer.getText()).contains("casebook 0.1.0-test", report.provenance().protocolSha256(), "2026-01-02 03:04:05 UTC");
        Object external = ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').filter(e => !e.name.startsWith('file:') && !e.name.startsWith('data:')).length");
        assertThat(((Number) external).intValue()).isZero();
        long height = ((Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight")).longValue();
        browser.manage().window().setSize(new Dimension(1280, (int) Math.min(height, 16000)));
        Files.write(Path.of("target/report-screenshot.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Keeps what the browser drew in target/screenshots for a human to look at. */
    private static void saveScreenshot(WebElement element, String name)
    {
        try {
            Path screenshots = Files.createDirectories(Path.of("target/screenshots"));
            Files.write(screenshots.resolve(name + ".png"), element.getScreenshotAs(OutputType.BYTES));
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void scrollTo(WebElement element)
    {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView(true)", element);
    }

}
