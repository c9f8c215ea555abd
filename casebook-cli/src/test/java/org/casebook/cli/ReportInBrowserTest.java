package org.casebook.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The report as {@code casebook report} writes it, opened in headless Chromium at 1280 px: the
 * demo's (adverse events, the treatment and the timing tables, swimmer plot) and that of a screened synthetic hospital (the screening
 * flow first, as a table and as the flow diagram, Figure 1; Kaplan–Meier with numbers at risk). Every figure is drawn, nothing is wider than the
 * window, and no cell of any table overlaps another or spills out of its cell. Skipped, with a
 * message, only where /usr/bin/chromedriver is absent (CI installs Debian's chromium-driver).
 * Screenshots of the whole pages go to target/screenshots for a human to look at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportInBrowserTest
{
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final int WIDTH = 1280;

    @TempDir
    static Path temp;
    private Path demoReport;
    private Path screenedReport;
    private ChromeDriver browser;

    @BeforeAll
    void writeReportsAndOpenTheBrowser()
            throws Exception
    {
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "browser test skipped: " + CHROMEDRIVER + " is absent (apt-get install chromium chromium-driver)");
        Path demo = temp.resolve("demo");
        CliRun ran = CliRun.of("demo", "--out", demo.toString());
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        demoReport = demo.resolve("report/report.html");
        Path hospital = temp.resolve("hospital");
        Path screening = temp.resolve("screening");
        for (String[] command : List.of(
                new String[] {"synth", "--patients", "1000", "--seed", "1", "--out", hospital.toString(), "--quiet"},
                new String[] {"screen", "--extract", hospital.toString(), "--out", screening.toString(), "--quiet"},
                new String[] {"report", "--cases", screening.resolve("cases").toString(), "--out", temp.resolve("screened").toString()})) {
            CliRun step = CliRun.of(command);
            assertThat(step.exitCode()).as(String.join(" ", command) + ": " + step.err()).isZero();
        }
        screenedReport = temp.resolve("screened/report.html");
        ChromeOptions options = new ChromeOptions();
        if (Files.isExecutable(CHROMIUM)) {
            options.setBinary(CHROMIUM.toFile());
        }
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=" + WIDTH + ",1000", "--user-data-dir=" + Files.createDirectories(temp.resolve("profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    void closeBrowser()
    {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theDemoReportShowsItsAdverseEventsAndSwimmerPlotByCaseNumber()
            throws Exception
    {
        open(demoReport);
        WebElement events = element("div[id$='_adverse_events'] table");
        assertThat(events.findElement(By.tagName("caption")).getText()).containsIgnoringCase("adverse event");
        assertThat(events.findElements(By.cssSelector("tbody tr"))).as("one row per event of the demo's adverse_events.csv").hasSize(5);
        assertThat(events.getText()).contains("herpes zoster").doesNotContain("P05,");
        // the seed grades by CTCAE v5.0 (its protocol's adverse_events.ctcae_version); each event's outcome in the protocol's words
        assertThat(events.findElements(By.cssSelector("thead th"))).extracting(WebElement::getText).contains("Grade (CTCAE v5.0)", "Outcome");
        assertThat(events.getText()).contains("recovering");
        WebElement swimmer = element("figure[id$='_swimmer']");
        assertThat(swimmer.findElement(By.tagName("figcaption")).getText()).startsWith("Figure ");
        assertThat(swimmer.findElements(By.cssSelector("svg text"))).extracting(WebElement::getText).anyMatch(text -> text.matches("P0?1"));
        // treatment and timing per patient as two tables (one was wider than the page), each within the window
        WebElement treatment = element("div[id$='_treatment'] table");
        assertThat(treatment.findElement(By.tagName("thead")).getText()).contains("Prior JAKi").contains("Reason stopped").contains("Days prior JAKi stop")
                .contains("mPSL pulse start").contains("mPSL pulse duration").contains("Length of stay");
        assertThat(treatment.findElements(By.cssSelector("tbody tr"))).as("one row per patient of the demo").hasSize(6);
        WebElement timing = element("div[id$='_timing'] table");
        assertThat(timing.findElement(By.tagName("thead")).getText()).contains("After treatment: CT (day)").contains("Follow-up (days)");
        for (WebElement table : List.of(treatment, timing)) {
            assertThat(table.getRect().getX() + table.getRect().getWidth()).as(table.getText().lines().findFirst().orElse("") + ": right edge")
                    .isLessThanOrEqualTo(((Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.clientWidth")).intValue());
        }
        // no screening behind the demo: no flow, neither table nor diagram, and the figures start at 1 without it
        assertThat(browser.findElements(By.id("screening_flow"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("figure[id$='_screening_flow']"))).isEmpty();
        assertThat(element("#figures figure figcaption").getText()).startsWith("Figure 1. ").doesNotContain("Flow of the consecutive cases");
        everyFigureIsDrawnNothingOverflowsAndNoCellsOverlap("demo-report.png");
    }

    @Test
    void aReportOfScreenedCasesShowsTheFlowInTheCriteriasWordsAndKaplanMeierWithNumbersAtRisk()
            throws Exception
    {
        open(screenedReport);
        WebElement flow = browser.findElement(By.id("screening_flow"));
        assertThat(flow.getText()).contains("Rheumatoid arthritis").doesNotContain("After ra").doesNotContain("no_hiv");
        assertThat(flow.findElements(By.cssSelector("tbody tr")).size()).isGreaterThan(3);
        theFlowDiagramIsFigureOneWithTheTablesCountsInTheCriteriasWords(flow);
        WebElement survival = element("figure[id*='survival']");
        List<String> labels = survival.findElements(By.cssSelector("svg text")).stream().map(WebElement::getText).toList();
        assertThat(labels).as("the at-risk row under the curve").contains("At risk");
        assertThat(survival.findElement(By.tagName("figcaption")).getText()).contains("Numbers at risk below");
        everyFigureIsDrawnNothingOverflowsAndNoCellsOverlap("screened-report.png");
    }

    private void theFlowDiagramIsFigureOneWithTheTablesCountsInTheCriteriasWords(WebElement flowTable)
    {
        WebElement diagram = element("#figures figure");
        assertThat(diagram.getAttribute("id")).isEqualTo("figure1_screening_flow");
        assertThat(diagram.findElement(By.tagName("figcaption")).getText()).startsWith("Figure 1. Flow of the consecutive cases");
        String text = String.join(" ", diagram.findElements(By.cssSelector("svg text")).stream().map(WebElement::getText).toList())
                .replace('\u00A0', ' ');
        assertThat(text).contains("Patients in the EHR").contains("Excluded: n = ").contains("Rheumatoid arthritis").contains("(not met)")
                .doesNotContain("After ra").doesNotContain("_");
        // the diagram's counts are the table's: the extract's and the included cases'
        List<WebElement> rows = flowTable.findElements(By.cssSelector("tbody tr"));
        String extract = rows.get(0).findElements(By.tagName("td")).get(1).getText();
        String included = rows.get(rows.size() - 1).findElements(By.tagName("td")).get(1).getText();
        assertThat(text).contains("n = " + String.format(java.util.Locale.ENGLISH, "%,d", Long.parseLong(extract)))
                .contains("cases) n = " + included);
        // drawn no larger than the charts' text: at most 780 px × 365/640, and no label over another
        assertThat(diagram.findElement(By.tagName("svg")).getSize().getWidth()).isLessThanOrEqualTo(445);
        @SuppressWarnings("unchecked")
        List<String> overlaps = (List<String>) ((JavascriptExecutor) browser).executeScript("""
                const boxes = Array.from(arguments[0].querySelectorAll('svg text')).map(t => [t.textContent, t.getBoundingClientRect()]);
                const overlaps = [];
                for (let i = 0; i < boxes.length; i++) {
                  for (let j = i + 1; j < boxes.length; j++) {
                    const a = boxes[i][1], b = boxes[j][1];
                    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
                      overlaps.push(boxes[i][0] + ' / ' + boxes[j][0]);
                    }
                  }
                }
                return overlaps;""", diagram);
        assertThat(overlaps).isEmpty();
    }

    private void open(Path report)
    {
        assertThat(report).exists();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(WIDTH, 1000));
        browser.get(report.toUri().toString());
    }

    private WebElement element(String css)
    {
        List<WebElement> found = browser.findElements(By.cssSelector(css));
        assertThat(found).as(css).isNotEmpty();
        return found.get(0);
    }

    private void everyFigureIsDrawnNothingOverflowsAndNoCellsOverlap(String screenshot)
            throws Exception
    {
        JavascriptExecutor js = browser;
        List<WebElement> figures = browser.findElements(By.cssSelector("#figures figure"));
        assertThat(figures).isNotEmpty();
        for (WebElement figure : figures) {
            WebElement svg = figure.findElement(By.tagName("svg"));
            assertThat(svg.getSize().getWidth()).as(figure.getAttribute("id") + " width").isGreaterThan(300);
            assertThat(svg.getSize().getHeight()).as(figure.getAttribute("id") + " height").isGreaterThan(150);
            assertThat(svg.findElements(By.tagName("text"))).as(figure.getAttribute("id") + " drew its labels").isNotEmpty();
        }
        Number overflow = (Number) js.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).as("horizontal overflow at " + WIDTH + " px").isLessThanOrEqualTo(0);
        // each cell against the next one in its row, and its text against its own box
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> problems = (List<Map<String, Object>>) js.executeScript("""
                const problems = [];
                for (const table of document.querySelectorAll('table')) {
                  if (table.getBoundingClientRect().right > document.documentElement.clientWidth + 1) {
                    problems.push({table: table.id, what: 'wider than the page'});
                  }
                  for (const row of table.rows) {
                    const cells = Array.from(row.cells);
                    for (let i = 0; i < cells.length; i++) {
                      const box = cells[i].getBoundingClientRect();
                      if (cells[i].scrollWidth > cells[i].clientWidth + 1) {
                        problems.push({table: table.id, what: 'text spills out of its cell', text: cells[i].textContent.trim().slice(0, 40)});
                      }
                      if (i + 1 < cells.length && box.right > cells[i + 1].getBoundingClientRect().left + 1) {
                        problems.push({table: table.id, what: 'cell overlaps the next', text: cells[i].textContent.trim().slice(0, 40)});
                      }
                    }
                  }
                }
                return problems;""");
        assertThat(problems).isEmpty();
        long height = ((Number) js.executeScript("return document.documentElement.scrollHeight")).longValue();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(WIDTH, (int) Math.min(height, 16000)));
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(screenshots.resolve(screenshot), browser.getScreenshotAs(OutputType.BYTES));
    }
}
