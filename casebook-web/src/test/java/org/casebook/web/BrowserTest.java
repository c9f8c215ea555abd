package org.casebook.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The main paths in headless Chromium against the running app on SQLite: login per role,
 * import with an error, edit with a validation error, lock and change with a reason, blinded CT
 * scoring with a zone error, a conflict between two sessions, results. Skipped only when
 * /usr/bin/chromedriver is absent (CI installs Debian's chromium-driver). Screenshots go to
 * target/screenshots; with -Dcasebook.screenshots=DIR they are also copied there (docs/images).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserTest
{
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry)
    {
        String url = TestDatabases.newDatabaseUrl("sqlite");
        registry.add("casebook.db", () -> url);
        // Tomcat's work folder with the test's other folders, not left in /tmp
        String tomcat = TestFolders.folder("tomcat").toString();
        registry.add("server.tomcat.basedir", () -> tomcat);
    }

    @LocalServerPort
    private int port;

    @Autowired
    private ApplicationContext context;

    private StudyFixture fixture;
    private final List<WebDriver> drivers = new ArrayList<>();

    @BeforeAll
    void seed()
    {
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "no /usr/bin/chromedriver: browser tests skipped");
        fixture = StudyFixture.seed(context, "");
        context.getBean(org.casebook.store.study.Users.class).add("investigator2",
                org.casebook.web.security.PasswordHashing.encoder().encode(StudyFixture.PASSWORD), false, "test");
        context.getBean(org.casebook.store.study.Users.class).grant(fixture.studyId, "investigator2",
                org.casebook.store.study.StudyRole.INVESTIGATOR, false, "test");
        context.getBean(org.casebook.store.study.Users.class).add("leaver",
                org.casebook.web.security.PasswordHashing.encoder().encode(StudyFixture.PASSWORD), false, "test");
        context.getBean(org.casebook.store.study.Users.class).grant(fixture.studyId, "leaver",
                org.casebook.store.study.StudyRole.ANALYST, false, "test");
    }

    @AfterAll
    void quit()
    {
        drivers.forEach(WebDriver::quit);
    }

    /** The shared browser, logged out; a second session (the conflict) gets its own. */
    private WebDriver browser()
            throws IOException
    {
        if (drivers.isEmpty()) {
            return newBrowser();
        }
        WebDriver driver = drivers.get(0);
        driver.manage().deleteAllCookies();
        return driver;
    }

    private WebDriver newBrowser()
            throws IOException
    {
        ChromeOptions options = new ChromeOptions();
        if (Files.isExecutable(CHROMIUM)) {
            options.setBinary(CHROMIUM.toFile());
        }
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1280,1000",
                "--user-data-dir=" + TestFolders.folder("casebook-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        drivers.add(driver);
        return driver;
    }

    private String url(String path)
    {
        return "http://localhost:" + port + path;
    }

    /**
     * Whether an element has left the page. Chromium reports a replaced node either as stale or, when
     * asked mid-navigation, as "Node with given id does not belong to the document".
     */
    private static boolean isGone(WebElement element)
    {
        try {
            element.isEnabled();
            return false;
        }
        catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        }
        catch (org.openqa.selenium.WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    private void login(WebDriver driver, String username)
    {
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(StudyFixture.PASSWORD);
        WebElement button = driver.findElement(By.id("login"));
        button.click();
        // Password hashing and the next page can take seconds on a loaded CI machine: wait for the
        // login page to be replaced (by the next page or by the login page with its error).
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(unused -> isGone(button));
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Clicks what submits a form and waits for the next page (a loaded machine may take seconds). */
    private static void clickAndWait(WebDriver driver, WebElement button)
    {
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(unused -> isGone(button));
    }

    private void logout(WebDriver driver)
    {
        driver.findElement(By.id("logout")).click();
    }

    private static void screenshot(WebDriver driver, String name)
            throws IOException
    {
        Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "screenshots", name);
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        String copyTo = System.getProperty("casebook.screenshots");
        if (copyTo != null) {
            Files.createDirectories(Path.of(copyTo));
            Files.copy(file, Path.of(copyTo, name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void eachRoleLogsInAndSeesOnlyItsStudiesAndLinks()
            throws IOException
    {
        WebDriver driver = browser();
        login(driver, "nobody");
        assertThat(driver.findElement(By.id("login-error")).getText()).contains("Wrong user name or password");
        login(driver, "admin");
        assertThat(driver.findElement(By.id("studies")).getText()).contains("Study A").contains("Study B");
        logout(driver);
        login(driver, "analyst");
        assertThat(driver.findElement(By.id("studies")).getText()).contains("Study A").doesNotContain("Study B");
        driver.findElement(By.linkText("Study A")).click();
        assertThat(driver.findElements(By.id("results-link"))).hasSize(1);
        assertThat(driver.findElements(By.id("worklist-link"))).isEmpty();
        assertThat(driver.findElements(By.id("cases"))).isEmpty();
        driver.get(url("/studies/" + fixture.studyId + "/cases/" + fixture.caseId));
        assertThat(driver.getPageSource()).doesNotContain("case-form").contains("You have no access");
        logout(driver);
        login(driver, "reader");
        driver.findElement(By.linkText("Study A")).click();
        assertThat(driver.findElements(By.id("worklist-link"))).hasSize(1);
        assertThat(driver.findElements(By.id("results-link"))).isEmpty();
        logout(driver);
        login(driver, "outsider");
        assertThat(driver.findElement(By.id("studies")).getText()).doesNotContain("Study A");
    }

    @Test
    void adminCreatesAUserWhoseFirstLoginLeadsToChoosingANewPassword()
            throws IOException
    {
        WebDriver driver = browser();
        login(driver, "admin");
        driver.findElement(By.id("users-link")).click();
        driver.findElement(By.id("new-username")).sendKeys("newcomer");
        driver.findElement(By.id("add-user")).click();
        String message = driver.findElement(By.id("message")).getText();
        assertThat(message).contains("Created newcomer");
        String oneTime = message.substring(message.lastIndexOf(' ') + 1);
        logout(driver);
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys("newcomer");
        driver.findElement(By.id("password")).sendKeys(oneTime);
        driver.findElement(By.id("login")).click();
        assertThat(driver.findElement(By.id("required")).getText()).contains("one-time password");
        driver.get(url("/studies"));
        assertThat(driver.getCurrentUrl()).endsWith("/account/password");
        driver.findElement(By.id("current")).sendKeys(oneTime);
        driver.findElement(By.id("new-password")).sendKeys("short");
        driver.findElement(By.id("confirmation")).sendKeys("short");
        driver.findElement(By.id("change-password")).click();
        // the styled form: labelled fields in a section, the problem beside the new password, the keyboard there
        assertThat(driver.findElement(By.id("error")).getText()).contains("not changed");
        assertThat(driver.findElement(By.id("error-password")).getText()).contains("at least 12");
        assertThat(driver.findElement(By.id("new-password")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("new-password")).getAttribute("aria-describedby")).contains("error-password");
        assertThat(driver.findElements(By.id("error-current"))).isEmpty();
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("new-password");
        assertThat(driver.findElement(By.cssSelector("label[for=new-password]")).getText()).isEqualTo("New password");
        assertThat(driver.findElement(By.cssSelector("#password-form fieldset.form-section")).getCssValue("background-color")).isEqualTo("rgba(255, 255, 255, 1)");
        driver.findElement(By.id("current")).sendKeys("not the one-time password");
        driver.findElement(By.id("new-password")).sendKeys("a much longer pass phrase");
        driver.findElement(By.id("confirmation")).sendKeys("a much longer pass phrase");
        driver.findElement(By.id("change-password")).click();
        assertThat(driver.findElement(By.id("error-current")).getText()).contains("wrong");
        driver.findElement(By.id("current")).sendKeys(oneTime);
        driver.findElement(By.id("new-password")).sendKeys("a much longer pass phrase");
        driver.findElement(By.id("confirmation")).sendKeys("a much longer pass phrase");
        driver.findElement(By.id("change-password")).click();
        assertThat(driver.findElement(By.id("message")).getText()).contains("Password changed");
        assertThat(driver.getCurrentUrl()).endsWith("/studies");
    }

    @Test
    void investigatorImportsEditsLocksAndMeetsAConflict()
            throws IOException
    {
        WebDriver driver = browser();
        login(driver, "investigator");
        driver.findElement(By.linkText("Study A")).click();

        Path folder = TestFolders.folder("casebook-upload");
        new org.casebook.workbook.WorkbookWriter().writeCsvFolder(StudyFixture.workbook(2), folder);
        for (String file : List.of("cases.csv", "measurements.csv", "ct_studies.csv", "ct_reads.csv", "adverse_events.csv")) {
            Files.writeString(folder.resolve(file), Files.readString(folder.resolve(file)).replace("P1", "Q1").replace("P2", "Q2"));
        }
        Path bad = TestFolders.folder("casebook-upload-bad");
        Files.writeString(bad.resolve("cases.csv"), Files.readString(folder.resolve("cases.csv")).replace("2024-01-12", "2024-13-12"));
        driver.findElement(By.id("import-files")).sendKeys(bad.resolve("cases.csv").toString());
        driver.findElement(By.id("import")).click();
        assertThat(driver.findElement(By.id("import-errors")).getText()).contains("Nothing was imported").contains("cases").contains("admission_date");

        driver.findElement(By.id("import-files")).sendKeys(String.join("\n", List.of("cases.csv", "measurements.csv", "ct_studies.csv", "ct_reads.csv", "adverse_events.csv")
                .stream().map(file -> folder.resolve(file).toString()).toList()));
        driver.findElement(By.id("import")).click();
        assertThat(driver.findElement(By.id("message")).getText()).contains("Imported 2 case(s)");

        driver.findElement(By.linkText("Q1")).click();
        String casePage = driver.getCurrentUrl();
        assertThat(driver.findElement(By.id("adverse-events")).getText()).contains("herpes zoster");
        WebElement pao2 = driver.findElement(By.id("value:onset.pao2"));
        pao2.clear();
        pao2.sendKeys("abc");
        assertThat(pao2.getAttribute("class")).contains("invalid");
        driver.findElement(By.id("save")).click();
        assertThat(driver.findElement(By.id("error")).getText()).contains("Nothing was saved");
        assertThat(driver.getPageSource()).contains("expected a number");
        pao2 = driver.findElement(By.id("value:onset.pao2"));
        pao2.clear();
        pao2.sendKeys("64");
        driver.findElement(By.id("save")).click();
        assertThat(driver.findElement(By.id("message")).getText()).contains("Saved");
        screenshot(driver, "case-page.png");

        driver.findElement(By.id("lock")).click();
        assertThat(driver.findElement(By.id("locked-badge")).getText()).isEqualTo("locked");
        pao2 = driver.findElement(By.id("value:onset.pao2"));
        pao2.clear();
        pao2.sendKeys("65");
        driver.findElement(By.id("save")).click();
        assertThat(driver.findElement(By.id("error")).getText()).contains("locked").contains("reason");
        driver.findElement(By.id("reason")).sendKeys("blood gas re-read from the lab report");
        driver.findElement(By.id("save")).click();
        assertThat(driver.findElement(By.id("message")).getText()).contains("Saved");
        assertThat(driver.findElement(By.id("history")).getText()).contains("blood gas re-read from the lab report");

        WebDriver other = newBrowser();
        login(other, "investigator2");
        other.get(casePage);
        driver.navigate().refresh();
        driver.findElement(By.id("value:onset.fio2")).clear();
        driver.findElement(By.id("value:onset.fio2")).sendKeys("0.5");
        driver.findElement(By.id("reason")).sendKeys("FiO2 from the ventilator chart");
        driver.findElement(By.id("save")).click();
        assertThat(driver.findElement(By.id("message")).getText()).contains("Saved");
        other.findElement(By.id("value:onset.fio2")).clear();
        other.findElement(By.id("value:onset.fio2")).sendKeys("0.6");
        other.findElement(By.id("reason")).sendKeys("my correction");
        other.findElement(By.id("save")).click();
        assertThat(other.findElement(By.id("conflict")).getText()).contains("someone else changed this case").contains("investigator")
                .contains("onset.fio2").contains("0.5");
    }

    @Test
    void casePageChecksDatesNumbersAndCategoriesAsYouTypeAndTheServerStillRefuses()
            throws IOException
    {
        WebDriver driver = browser();
        login(driver, "investigator");
        long caseId = context.getBean(org.casebook.store.cases.Cases.class).list(fixture.studyId).get(1).id();
        driver.get(url("/studies/" + fixture.studyId + "/cases/" + caseId));
        assertThat(driver.findElements(By.cssSelector(".live-error:not([hidden])"))).isEmpty();

        // the case form is the protocol's: a date input for a date, a select of the levels for a category
        assertThat(driver.findElement(By.id("value:admission_date")).getAttribute("type")).isEqualTo("date");
        WebElement sex = driver.findElement(By.id("value:sex"));
        assertThat(new Select(sex).getOptions()).extracting(WebElement::getText).containsExactly("—", "F", "M");
        setValue(driver, "value:discharge_date", "2024-01-05");
        assertThat(liveError(driver, "value:discharge_date")).contains("'2024-01-05'").contains("discharge date is before the admission date 2024-01-12");
        setValue(driver, "value:admission_date", "");
        assertThat(liveError(driver, "value:admission_date")).contains("required value missing");
        setValue(driver, "value:admission_date", "2024-01-12");
        WebElement fio2 = driver.findElement(By.id("value:onset.fio2"));
        fio2.clear();
        fio2.sendKeys("40");
        assertThat(liveError(driver, "value:onset.fio2")).contains("0.21 to 1");
        fio2.clear();
        fio2.sendKeys("0.4");
        assertThat(driver.findElement(By.cssSelector(".live-error[data-for='value:onset.fio2']")).isDisplayed()).isFalse();
        new Select(sex).selectByValue("F");
        assertThat(sex.getAttribute("class")).doesNotContain("invalid");

        driver.findElement(By.id("ae-new-onset_date")).sendKeys("2024-13-01");
        assertThat(liveError(driver, "ae-new-onset_date")).contains("expected a date yyyy-mm-dd");
        driver.findElement(By.id("ae-new-related_to")).sendKeys("infection");
        assertThat(liveError(driver, "ae-new-related_to")).contains("one of jaki, glucocorticoid, other, unknown");
        driver.findElement(By.id("ae-new-grade")).sendKeys("6");
        assertThat(liveError(driver, "ae-new-grade")).contains("1–5");
        driver.findElement(By.id("ae-new-ctcae_version")).sendKeys("five");
        assertThat(liveError(driver, "ae-new-ctcae_version")).contains("'five'").contains("a CTCAE version such as 5.0");
        // the outcome is a select of the protocol's levels, shown in its words
        assertThat(new Select(driver.findElement(By.id("ae-new-outcome"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("not recorded", "recovered", "recovering", "not recovered", "recovered with sequelae", "fatal", "unknown");

        // the page only warns: submitted anyway, the server refuses and keeps what was typed
        driver.findElement(By.id("save")).click();
        assertThat(driver.findElement(By.id("error")).getText()).contains("Nothing was saved");
        assertThat(driver.findElement(By.id("case-fields")).getText())
                .contains("discharge_date: '2024-01-05': discharge date is before the admission date 2024-01-12");
        assertThat(driver.findElement(By.id("value:discharge_date")).getAttribute("value")).isEqualTo("2024-01-05");

        driver.get(url("/studies/" + fixture.studyId + "/cases/" + caseId));
        driver.findElement(By.id("ae-new-term")).sendKeys("oral candidiasis");
        driver.findElement(By.id("ae-new-onset_date")).sendKeys("2024-01-20");
        driver.findElement(By.id("ae-new-grade")).sendKeys("2");
        driver.findElement(By.id("ae-new-related_to")).sendKeys("infection");
        driver.findElement(By.id("ae-new-save")).click();
        assertThat(driver.findElement(By.id("error")).getText()).contains("Adverse event not saved");
        assertThat(driver.findElement(By.id("ae-new-form")).getText()).contains("serious is required").contains("related_to: 'infection'");
        driver.findElement(By.id("ae-new-serious")).sendKeys("no");
        WebElement related = driver.findElement(By.id("ae-new-related_to"));
        related.clear();
        related.sendKeys("glucocorticoid");
        driver.findElement(By.id("ae-new-ctcae_version")).sendKeys("v4.03");
        assertThat(driver.findElement(By.cssSelector(".live-error[data-for='ae-new-ctcae_version']")).isDisplayed()).isFalse();
        new Select(driver.findElement(By.id("ae-new-outcome"))).selectByVisibleText("recovered with sequelae");
        driver.findElement(By.id("ae-new-save")).click();
        assertThat(driver.findElement(By.id("message")).getText()).contains("Adverse event added");
        assertThat(driver.findElement(By.id("adverse-events")).getText()).contains("oral candidiasis").contains("glucocorticoid")
                .contains("4.03").contains("recovered with sequelae");
        assertThat(driver.findElement(By.id("history")).getText()).contains(".outcome").contains("recovered_with_sequelae");
        assertThat(driver.findElement(By.id("history")).getText()).contains(".term").contains("oral candidiasis");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('adverse-event-section').scrollIntoView()");
        screenshot(driver, "adverse-events.png");
    }

    /** Sets an input's value as a user's typing would (date inputs take keys in the browser's locale) and fires its input event. */
    @Test
    void investigatorFillsTheLabelledCaseFormByKeyboardAndARefusedSaveKeepsWhatWasTyped()
            throws IOException
    {
        WebDriver driver = browser();
        login(driver, "investigator");
        long caseId = context.getBean(org.casebook.store.cases.Cases.class).list(fixture.studyId).get(0).id();
        driver.get(url("/studies/" + fixture.studyId + "/cases/" + caseId));
        // sections in the protocol's order, each field labelled, with its unit
        assertThat(driver.findElements(By.cssSelector("#case-fields > fieldset > legend"))).extracting(WebElement::getText)
                .containsExactly("Admission", "History", "Treatment", "Outcomes");
        assertThat(driver.findElement(By.id("field-weight_kg")).getText()).contains("Weight").contains("kg");
        // the label focuses its input; Tab goes to the next field, Enter saves
        driver.findElement(By.cssSelector("label[for='value:weight_kg']")).click();
        WebElement weight = driver.switchTo().activeElement();
        assertThat(weight.getAttribute("id")).isEqualTo("value:weight_kg");
        weight.sendKeys(Keys.chord(Keys.CONTROL, "a"), "64.5", Keys.TAB);
        WebElement bmi = driver.switchTo().activeElement();
        assertThat(bmi.getAttribute("id")).isEqualTo("value:bmi");
        bmi.sendKeys(Keys.chord(Keys.CONTROL, "a"), "24.1", Keys.TAB);
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("value:smoking");
        driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("value:ra_duration_years");
        // yes/no: one tab stop, arrow keys choose
        driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(driver.switchTo().activeElement().getAttribute("name")).isEqualTo("value:rf_positive");
        driver.findElement(By.id("value:ra_duration_years")).sendKeys(Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("message")).isEmpty());
        assertThat(driver.findElement(By.id("message")).getText()).startsWith("Saved");
        assertThat(driver.findElement(By.id("value:weight_kg")).getAttribute("value")).isEqualTo("64.5");
        assertThat(driver.findElement(By.id("value:bmi")).getAttribute("value")).isEqualTo("24.1");

        // a value the server refuses: nothing saved, every typed value kept, the problem beside its field, the keyboard there
        WebElement age = driver.findElement(By.id("value:age"));
        age.sendKeys(Keys.chord(Keys.CONTROL, "a"), "150");
        WebElement weightAgain = driver.findElement(By.id("value:weight_kg"));
        weightAgain.sendKeys(Keys.chord(Keys.CONTROL, "a"), "66", Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("form-errors")).isEmpty());
        assertThat(driver.findElement(By.id("error-age")).getText()).contains("expected a number from 0 to 120");
        assertThat(driver.findElement(By.id("value:age")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("value:age")).getAttribute("aria-describedby")).contains("error-age");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("value:age");
        assertThat(driver.findElement(By.id("value:age")).getAttribute("value")).isEqualTo("150");
        assertThat(driver.findElement(By.id("value:weight_kg")).getAttribute("value")).isEqualTo("66");
        screenshot(driver, "case-form-sections.png");
    }

    @Test
    void aQueryIsOpenedAnsweredAndClosedAndBlocksTheLockMeanwhile()
            throws IOException
    {
        long caseId = context.getBean(org.casebook.store.cases.Cases.class).list(fixture.studyId).get(2).id();
        String casePage = url("/studies/" + fixture.studyId + "/cases/" + caseId);
        WebDriver driver = browser();
        login(driver, "investigator2");
        driver.get(casePage);
        new Select(driver.findElement(By.id("query-field"))).selectByVisibleText("PaO2 – At onset");
        driver.findElement(By.id("query-comment")).sendKeys("measured on 4 L oxygen? please check the gas report");
        clickAndWait(driver, driver.findElement(By.id("open-query")));
        WebElement query = driver.findElement(By.cssSelector(".query"));
        assertThat(query.getText()).contains("on PaO2 – At onset").contains("open").contains("investigator2 opened")
                .contains("please check the gas report");
        assertThat(driver.findElement(By.id("measurements")).getText()).contains("1 open query");
        // an open query: the lock is refused
        clickAndWait(driver, driver.findElement(By.id("lock")));
        assertThat(driver.findElement(By.id("error")).getText()).contains("data query not closed");
        logout(driver);

        login(driver, "investigator");
        driver.get(casePage);
        assertThat(driver.findElements(By.cssSelector(".query-close"))).isEmpty();
        WebElement answer = driver.findElement(By.cssSelector(".query-answer input[name=comment]"));
        answer.sendKeys("the gas was on room air; value stands", Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(unused -> isGone(answer));
        assertThat(driver.findElement(By.cssSelector(".query")).getText()).contains("answered").contains("investigator answered");
        logout(driver);

        login(driver, "investigator2");
        driver.get(casePage);
        clickAndWait(driver, driver.findElement(By.cssSelector(".query-close button")));
        assertThat(driver.findElement(By.cssSelector(".query .status")).getText()).isEqualTo("closed");
        assertThat(driver.findElements(By.cssSelector(".query-answer"))).isEmpty();
        clickAndWait(driver, driver.findElement(By.id("lock")));
        assertThat(driver.findElement(By.id("message")).getText()).isEqualTo("Case locked.");
    }

    @Test
    void theRecordStatusDashboardShowsEachCaseSectionsAndFilters()
            throws IOException
    {
        long caseId = context.getBean(org.casebook.store.cases.Cases.class).list(fixture.studyId).get(1).id();
        context.getBean(org.casebook.store.cases.DataQueries.class).open(fixture.studyId, caseId, "", "bmi", "BMI from which visit?", "investigator2");
        WebDriver driver = browser();
        login(driver, "investigator");
        driver.findElement(By.linkText("Study A")).click();
        driver.findElement(By.id("dashboard-nav")).click();
        assertThat(driver.findElements(By.cssSelector("#dashboard tr:first-child th"))).extracting(WebElement::getText)
                .containsSubsequence("Patient", "Status", "Admission", "History", "Treatment", "Outcomes", "Before exacerbation", "At onset", "After treatment");
        assertThat(driver.findElement(By.cssSelector("#dashboard tr[data-patient='P2'] .case-status")).getText()).contains("open quer");
        new Select(driver.findElement(By.id("filter"))).selectByValue("queries");
        WebElement apply = driver.findElement(By.id("apply-filter"));
        apply.click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(unused -> isGone(apply));
        List<String> shown = driver.findElements(By.cssSelector("#dashboard tr[data-patient]")).stream().map(row -> row.getAttribute("data-patient")).toList();
        assertThat(shown).contains("P2").doesNotContain("P1");
        assertThat(driver.findElement(By.cssSelector("#dashboard tr[data-patient='P2'] td.has-queries")).getText()).contains("1 query");
        assertThat(driver.findElement(By.id("query-list")).getText()).contains("BMI from which visit?");
        WebElement search = driver.findElement(By.id("search"));
        new Select(driver.findElement(By.id("filter"))).selectByValue("all");
        search.sendKeys("P1", Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(unused -> isGone(search));
        assertThat(driver.findElements(By.cssSelector("#dashboard tr[data-patient]"))).extracting(row -> row.getAttribute("data-patient")).containsExactly("P1");
        screenshot(driver, "dashboard.png");
    }

    private static void setValue(WebDriver driver, String inputId, String value)
    {
        ((JavascriptExecutor) driver).executeScript("var input = document.getElementById(arguments[0]); input.value = arguments[1];"
                + "input.dispatchEvent(new Event('input', {bubbles: true}));", inputId, value);
    }

    @Test
    void adminCreatesAStudyFromAProtocolFileAndAnInvestigatorFillsACaseThroughItsGeneratedForm()
            throws IOException
    {
        WebDriver driver = browser();
        login(driver, "admin");
        Path bad = TestFolders.folder("casebook-protocol").resolve("small-anticoag.zip");
        String badText = ProtocolFixture.protocolText().replace("kind: yes_no", "kind: yesno");
        Files.write(bad, ProtocolFixture.zip(java.util.Map.of("protocol.yaml", badText)));
        driver.findElement(By.id("upload-study-name")).sendKeys("Study P");
        driver.findElement(By.id("protocol-file")).sendKeys(bad.toString());
        driver.findElement(By.id("upload-protocol")).click();
        assertThat(driver.findElement(By.id("error")).getText()).contains("no study was created");
        assertThat(driver.findElement(By.id("protocol-error-file")).getText()).isEqualTo("protocol.yaml");
        assertThat(driver.findElement(By.id("protocol-error-line")).getText())
                .isEqualTo(Integer.toString(badText.substring(0, badText.indexOf("kind: yesno")).split("\n", -1).length));
        assertThat(driver.findElement(By.id("protocol-error-key")).getText()).isEqualTo("case_fields[4].kind");
        screenshot(driver, "protocol-error.png");

        Path good = TestFolders.folder("casebook-protocol").resolve("small-anticoag.zip");
        Files.write(good, ProtocolFixture.zip());
        driver.findElement(By.id("upload-study-name")).sendKeys("Study P");
        driver.findElement(By.id("protocol-file")).sendKeys(good.toString());
        clickAndWait(driver, driver.findElement(By.id("upload-protocol")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("Study P");
        long studyId = Long.parseLong(driver.getCurrentUrl().replaceAll(".*/studies/(\\d+).*", "$1"));
        context.getBean(org.casebook.store.study.Users.class).grant(studyId, "investigator", org.casebook.store.study.StudyRole.INVESTIGATOR, false, "test");
        logout(driver);

        login(driver, "investigator");
        driver.findElement(By.linkText("Study P")).click();
        Path workbook = ProtocolFixture.workbook(ProtocolFixture.casesCsv("A1", java.util.Map.of("index_date", "2024-03-01")));
        driver.findElement(By.id("import-files")).sendKeys(String.join("\n", ProtocolFixture.files(workbook).stream().map(Path::toString).toList()));
        driver.findElement(By.id("import")).click();
        assertThat(driver.findElement(By.id("message")).getText()).contains("Imported 1 case(s)");
        driver.findElement(By.linkText("A1")).click();

        // one input per field of the protocol, with its label, unit, help and widget
        assertThat(driver.findElement(By.id("day-zero")).getText()).isEqualTo("First prescription");
        assertThat(driver.findElement(By.id("field-age")).getText()).contains("Age").contains("years").contains("age at the first prescription");
        assertThat(driver.findElement(By.id("field-index_date")).getText()).contains("First prescription *");
        assertThat(driver.findElement(By.id("value:index_date")).getAttribute("type")).isEqualTo("date");
        assertThat(driver.findElement(By.id("value:index_date")).getAttribute("value")).isEqualTo("2024-03-01");
        WebElement age = driver.findElement(By.id("value:age"));
        assertThat(age.getAttribute("type")).isEqualTo("number");
        assertThat(List.of(age.getAttribute("min"), age.getAttribute("max"), age.getAttribute("step"))).containsExactly("18", "110", "any");
        assertThat(driver.findElement(By.id("value:prescriptions")).getAttribute("step")).isEqualTo("1");
        assertThat(new Select(driver.findElement(By.id("value:drug"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("—", "apixaban", "rivaroxaban", "edoxaban", "warfarin");
        // yes/no as radio buttons, each labelled
        assertThat(driver.findElement(By.id("field-major_bleeding")).findElements(By.cssSelector("input[type=radio]")))
                .extracting(radio -> radio.getAttribute("value")).containsExactly("yes", "no", "");
        assertThat(driver.findElement(By.id("field-major_bleeding")).getText()).contains("yes").contains("no").contains("not recorded");
        assertThat(driver.findElement(By.id("value:notes")).getAttribute("maxlength")).isEqualTo("50");

        // checks as you type, from the same field definitions as the server's
        age.sendKeys("150");
        assertThat(liveError(driver, "value:age")).contains("'150'").contains("expected a number from 18 to 110");
        setValue(driver, "value:admission_date", "2024-03-10");
        setValue(driver, "value:discharge_date", "2024-03-05");
        assertThat(liveError(driver, "value:discharge_date")).contains("discharge is before the admission 2024-03-10");
        driver.findElement(By.id("save")).click();
        assertThat(driver.findElement(By.id("error")).getText()).contains("Nothing was saved: 2 value(s)");
        assertThat(driver.findElement(By.id("case-fields")).getText()).contains("age: '150': expected a number from 18 to 110")
                .contains("discharge_date: '2024-03-05': discharge is before the admission 2024-03-10");

        age = driver.findElement(By.id("value:age"));
        age.clear();
        age.sendKeys("64");
        setValue(driver, "value:discharge_date", "2024-03-14");
        new Select(driver.findElement(By.id("value:sex"))).selectByValue("F");
        new Select(driver.findElement(By.id("value:drug"))).selectByValue("apixaban");
        driver.findElement(By.id("value:major_bleeding:yes")).click();
        driver.findElement(By.id("value:prescriptions")).sendKeys("3");
        driver.findElement(By.id("value:notes")).sendKeys("seen twice");
        assertThat(driver.findElements(By.cssSelector(".live-error:not([hidden])"))).isEmpty();
        driver.findElement(By.id("save")).click();
        assertThat(driver.findElement(By.id("message")).getText()).contains("Saved");
        screenshot(driver, "protocol-case-form.png");

        long caseId = context.getBean(org.casebook.store.cases.Cases.class).list(studyId).get(0).id();
        java.util.Map<String, String> stored = new java.util.TreeMap<>();
        context.getBean(org.casebook.store.cases.Cases.class).values(caseId).forEach(value -> stored.put(value.field(), value.value()));
        assertThat(stored).containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of("index_date", "2024-03-01", "age", "64", "sex", "F",
                "drug", "apixaban", "major_bleeding", "yes", "prescriptions", "3", "admission_date", "2024-03-10", "discharge_date", "2024-03-14",
                "notes", "seen twice")));
        assertThat(driver.findElement(By.id("history")).getText()).contains("major_bleeding").contains("discharge_date");
        assertThat(driver.findElement(By.id("timeline")).getText()).contains("First prescription").contains("Discharge");
    }

    private static String liveError(WebDriver driver, String inputId)
    {
        WebElement note = driver.findElement(By.cssSelector(".live-error[data-for='" + inputId + "']"));
        assertThat(note.isDisplayed()).as("inline message of %s shown", inputId).isTrue();
        assertThat(driver.findElement(By.id(inputId)).getAttribute("class")).contains("invalid");
        return note.getText();
    }

    @Test
    void investigatorGeneratesTheReportOnTheResultsPageAndAnAnalystIsToldWhyThereIsNone()
            throws IOException
    {
        WebDriver driver = browser();
        login(driver, "analyst");
        driver.get(url("/studies/" + fixture.studyId + "/results"));
        assertThat(driver.findElement(By.id("report-withheld")).getText()).contains("investigators only").contains("de-identified downloads");
        assertThat(driver.findElements(By.id("generate-report"))).isEmpty();
        assertThat(driver.findElements(By.id("report-links"))).isEmpty();
        logout(driver);

        login(driver, "investigator");
        driver.get(url("/studies/" + fixture.studyId + "/results"));
        assertThat(driver.findElements(By.id("report-withheld"))).isEmpty();
        WebElement generate = driver.findElement(By.id("generate-report"));
        generate.click();
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(unused -> isGone(generate));
        WebElement links = new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(By.id("report-links")));
        assertThat(links.getText()).contains("report.pdf").contains("tables.xlsx");
        assertThat(driver.findElement(By.id("report-generated")).getText()).isNotBlank();
        driver.findElement(By.linkText("view report (HTML)")).click();
        assertThat(driver.getPageSource()).contains("P01"); // patients by case number (docs/report.md), not by the hospital id
    }

    @Test
    void readerScoresABlindedScanAndAZoneErrorIsShown()
            throws IOException
    {
        WebDriver driver = browser();
        login(driver, "reader");
        driver.findElement(By.linkText("Study A")).click();
        driver.findElement(By.id("worklist-link")).click();
        String worklist = driver.findElement(By.id("worklist")).getText();
        assertThat(worklist).contains(fixture.scanCode).doesNotContain("P1").doesNotContain("onset").doesNotContain("2024");
        // nor the PACS accession (the fixture's are ACC-1, ACC-2, …), which often names patient and time point
        assertThat(driver.getPageSource()).doesNotContain("ACC-");
        driver.findElement(By.linkText(fixture.scanCode)).click();
        // the random CSRF token may contain "P1" by chance: leave it out of the blinding check
        assertThat(driver.getPageSource().replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "")).doesNotContain("P1").doesNotContain("2024-")
                .doesNotContain("ACC-");
        setZone(driver, "RU", 60, 30);
        setZone(driver, "RM", 70, 30);
        setZone(driver, "RL", 50, 50);
        setZone(driver, "LU", 80, 20);
        setZone(driver, "LM", 70, 40);
        setZone(driver, "LL", 50, 50);
        assertThat(driver.findElement(By.id("running-score")).getText()).contains("does not add up");
        driver.findElement(By.id("save-read")).click();
        assertThat(driver.findElement(By.id("error")).getText()).contains("zone RU").contains("add up to 100").contains("zone LM");
        setZone(driver, "RU", 70, 30);
        setZone(driver, "LM", 60, 40);
        assertThat(driver.findElement(By.id("running-score")).getText()).isEqualTo("136.7");
        screenshot(driver, "ct-form.png");
        driver.findElement(By.id("save-read")).click();
        assertThat(driver.findElement(By.id("message")).getText()).contains("Ichikado score 136.7");
        // the accession only on explicit action, on the scan's own form
        driver.findElement(By.linkText(fixture.scanCode)).click();
        assertThat(driver.findElements(By.id("accession"))).isEmpty();
        driver.findElement(By.id("open-accession")).click();
        assertThat(driver.findElement(By.id("accession")).getText()).startsWith("ACC-");
    }

    /**
     * A study on the built-in dm-ild-tofacitinib protocol scores CTs with the Kazerooni score: the
     * reader grades five lobes from selects that say what each grade means, the page says a grade
     * is missing and the server refuses it by lobe, the running score is mean alveolar + mean
     * interstitial; the investigator's results and the analyst's summary follow.
     */
    @Test
    void readerGradesAKazerooniScanLobeByLobe()
            throws IOException
    {
        org.casebook.store.study.Users users = context.getBean(org.casebook.store.study.Users.class);
        long studyId = context.getBean(org.casebook.store.study.Studies.class)
                .create("Study K", KazerooniReadingApiTest.DM_ILD, java.util.OptionalDouble.empty(), "test").id();
        users.grant(studyId, "investigator", org.casebook.store.study.StudyRole.INVESTIGATOR, false, "test");
        users.grant(studyId, "reader", org.casebook.store.study.StudyRole.READER, false, "test");
        users.grant(studyId, "analyst", org.casebook.store.study.StudyRole.ANALYST, false, "test");
        context.getBean(org.casebook.store.cases.CaseImport.class).importWorkbook(studyId, KazerooniReadingApiTest.workbook(false), "test");
        org.casebook.store.ct.CtReading reading = context.getBean(org.casebook.store.ct.CtReading.class);
        reading.assignAll(studyId, "reader", "test");
        String code = reading.scans(studyId).stream().filter(scan -> scan.patientId().equals("D2")).findFirst().orElseThrow().code();

        WebDriver driver = browser();
        login(driver, "reader");
        driver.findElement(By.linkText("Study K")).click();
        driver.findElement(By.id("worklist-link")).click();
        driver.findElement(By.linkText(code)).click();
        assertThat(driver.getPageSource().replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "")).doesNotContain("D2").doesNotContain("baseline")
                .doesNotContain("2024-").doesNotContain("ACC-");
        assertThat(driver.findElement(By.id("guidance")).getText()).contains("Grade each lobe").contains("(0–10)");
        assertThat(new Select(driver.findElement(By.id("RUL.interstitial"))).getOptions()).extracting(WebElement::getText)
                .contains("0 · none", "1 · septal thickening, no honeycombing", "5 · honeycombing > 75 %");
        for (String lobe : List.of("RUL", "RML", "RLL", "LUL", "LLL")) {
            new Select(driver.findElement(By.id(lobe + ".alveolar"))).selectByValue("2");
            if (!lobe.equals("RLL")) {
                new Select(driver.findElement(By.id(lobe + ".interstitial"))).selectByValue("1");
            }
        }
        assertThat(driver.findElement(By.id("running-score")).getText()).contains("give every lobe all its grades");
        driver.findElement(By.id("save-read")).click();
        assertThat(driver.findElement(By.id("error")).getText()).contains("lobe RLL: interstitial missing: expected a grade 0–5");
        // the refused form keeps what was chosen
        assertThat(new Select(driver.findElement(By.id("LLL.alveolar"))).getFirstSelectedOption().getText()).isEqualTo("2 · 5–24 %");
        new Select(driver.findElement(By.id("RLL.interstitial"))).selectByValue("3");
        // alveolar 2 in every lobe; interstitial (1 + 1 + 3 + 1 + 1) / 5 = 1.4
        assertThat(driver.findElement(By.id("running-score")).getText()).isEqualTo("3.4");
        screenshot(driver, "ct-form-kazerooni.png");
        driver.findElement(By.id("save-read")).click();
        assertThat(driver.findElement(By.id("message")).getText()).contains("Saved read of " + code + ": Kazerooni score 3.4");
        assertThat(driver.findElement(By.id("worklist")).getText()).contains(code + " read");
        logout(driver);

        login(driver, "investigator");
        driver.get(url("/studies/" + studyId + "/results"));
        assertThat(driver.findElement(By.id("ct-system")).getText()).contains("Kazerooni score (0–10)");
        assertThat(driver.findElement(By.id("summary")).getText()).contains("CT score: Kazerooni score").contains("ct_interstitial");
        logout(driver);
        login(driver, "analyst");
        driver.get(url("/studies/" + studyId + "/results"));
        assertThat(driver.findElement(By.id("summary")).getText()).contains("ct_alveolar");
    }

    @Test
    void adminRemovesAMemberAndResetsTheirPassword()
            throws IOException
    {
        WebDriver driver = browser();
        login(driver, "admin");
        driver.findElement(By.linkText("Study A")).click();
        driver.findElement(By.cssSelector("tr[data-member='leaver'] button.remove-member")).click();
        assertThat(driver.findElement(By.id("message")).getText()).contains("Removed leaver");
        assertThat(driver.findElement(By.id("members")).getText()).doesNotContain("leaver");

        driver.get(url("/admin/users"));
        driver.findElement(By.cssSelector("tr[data-user='leaver'] button.reset-password")).click();
        String message = driver.findElement(By.id("message")).getText();
        assertThat(message).contains("Reset the password of leaver");
        String oneTime = message.substring(message.lastIndexOf(' ') + 1);
        assertThat(driver.findElement(By.cssSelector("tr[data-user='leaver'] .status")).getText()).isEqualTo("one-time password");
        logout(driver);
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys("leaver");
        driver.findElement(By.id("password")).sendKeys(oneTime);
        driver.findElement(By.id("login")).click();
        assertThat(driver.findElement(By.id("required")).getText()).contains("one-time password");
        driver.get(url("/studies"));
        assertThat(driver.getCurrentUrl()).endsWith("/account/password");
    }

    private static void setZone(WebDriver driver, String zone, int normal, int groundGlass)
    {
        WebElement normalInput = driver.findElement(By.id(zone + ".normal"));
        normalInput.clear();
        normalInput.sendKeys(Integer.toString(normal));
        WebElement ggo = driver.findElement(By.id(zone + ".ggo"));
        ggo.clear();
        ggo.sendKeys(Integer.toString(groundGlass));
    }

    @Test
    void investigatorImportsAScreeningOutputAndConfirmsAPatientAfterAMissingReason()
            throws IOException
    {
        long studyId = context.getBean(org.casebook.store.study.Studies.class).create("Study S", org.casebook.protocol.Protocols.SEED, 30, "test").id();
        context.getBean(org.casebook.store.study.Users.class).grant(studyId, "investigator", org.casebook.store.study.StudyRole.INVESTIGATOR, false, "test");
        WebDriver driver = browser();
        login(driver, "investigator");
        driver.findElement(By.linkText("Study S")).click();
        driver.findElement(By.id("screening-link")).click();
        assertThat(driver.findElement(By.id("no-screening")).getText()).contains("No screening output imported yet");
        driver.findElement(By.id("screening-zip")).sendKeys(ScreeningOutputs.zipFile(ScreeningOutputs.files()).toString());
        driver.findElement(By.id("import-screening")).click();
        assertThat(driver.findElement(By.id("message")).getText()).contains("4 patient(s), 3 included; 2 case(s) imported");
        assertThat(driver.findElement(By.id("flow")).getText()).contains("patients_in_extract 300");
        assertThat(driver.findElement(By.id("excluded")).getText()).contains("X9 Rheumatoid arthritis recorded on or before the admission date");

        for (String item : List.of("ra_ild", "acute_worsening", "new_bilateral_opacities", "not_cardiac_or_fluid")) {
            driver.findElement(By.id("answer-SC1-" + item + "-yes")).click();
        }
        driver.findElement(By.id("decision-SC1-confirmed")).click();
        driver.findElement(By.id("save-review-SC1")).click();
        assertThat(driver.findElement(By.id("error")).getText()).contains("Nothing was saved for patient SC1");
        assertThat(driver.findElement(By.id("reason-error-SC1")).getText()).contains("a reason is required");
        assertThat(driver.findElement(By.id("answer-SC1-new_bilateral_opacities-yes")).isSelected()).as("the answers stay in the form").isTrue();
        assertThat(driver.findElement(By.id("decision-SC1")).getText()).contains("No decision yet");

        driver.findElement(By.id("reason-SC1")).sendKeys("new bilateral GGO on the onset CT, BNP normal");
        driver.findElement(By.id("save-review-SC1")).click();
        assertThat(driver.findElement(By.id("message")).getText()).contains("Saved: patient SC1 confirmed AE");
        assertThat(driver.findElement(By.id("decision-SC1")).getText()).contains("confirmed AE").contains("by investigator")
                .contains("new bilateral GGO on the onset CT, BNP normal");
        assertThat(driver.findElement(By.id("decision-SC2")).getText()).contains("No decision yet");
        screenshot(driver, "screening-review.png");
    }

    @Test
    void analystSeesResultsWithoutAgreementAndInvestigatorWithIt()
            throws IOException
    {
        WebDriver driver = browser();
        login(driver, "analyst");
        driver.get(url("/studies/" + fixture.studyId + "/results"));
        assertThat(driver.findElement(By.id("summary")).getText()).contains("n = ");
        assertThat(driver.findElements(By.id("agreement"))).isEmpty();
        logout(driver);
        login(driver, "investigator");
        driver.get(url("/studies/" + fixture.studyId + "/results"));
        // agreement pooled and per time point, in the protocol's words, with the reads it used
        assertThat(driver.findElements(By.cssSelector("#agreement tbody th"))).extracting(WebElement::getText)
                .containsExactly("All time points, pooled", "At onset");
        assertThat(driver.findElement(By.id("agreement")).getText()).contains("ICC(2,1)").doesNotContain("NaN");
        assertThat(driver.findElement(By.id("reads-used")).getText()).startsWith("Agreement between readers");
        assertThat(driver.findElement(By.id("adjudicated")).getText()).contains("Adjudicated scans");
        // the report's figures, each drawn as SVG on the page at a readable size, with its numbered caption as its title
        List<WebElement> figures = driver.findElements(By.cssSelector("#results-figures figure"));
        assertThat(figures).isNotEmpty();
        for (int index = 0; index < figures.size(); index++) {
            WebElement figure = figures.get(index);
            WebElement svg = figure.findElement(By.tagName("svg"));
            assertThat(svg.isDisplayed()).as(figure.getAttribute("id")).isTrue();
            assertThat(svg.getSize().getWidth()).as(figure.getAttribute("id")).isGreaterThan(300);
            assertThat(svg.findElements(By.tagName("text"))).as(figure.getAttribute("id") + " drew its labels").isNotEmpty();
            String caption = figure.findElement(By.tagName("figcaption")).getText();
            assertThat(caption).startsWith("Figure " + (index + 1) + ".");
            assertThat(figure.findElement(By.cssSelector("[role=img]")).getAttribute("aria-label")).isEqualTo(caption);
        }
        assertThat(driver.findElement(By.id("table1_baseline")).getText()).contains("Table 1");
        screenshot(driver, "results-figures.png");
    }

    @Test
    void aMissingPageSaysNotFoundNotNoAccessAndABadAddressSaysWhatWasWrong()
            throws IOException
    {
        WebDriver driver = browser();
        login(driver, "investigator");
        long study = fixture.studyId;
        for (String path : List.of("/no-such-page", "/studies/999999", "/studies/" + study + "/no-such-tab", "/studies/" + study + "/cases/999999")) {
            driver.get(url(path));
            assertThat(driver.findElement(By.id("error")).getText()).as(path).containsIgnoringCase("not found").doesNotContainIgnoringCase("access");
            assertThat(driver.findElement(By.tagName("header")).getText()).as(path + ": the styled page").contains("casebook");
        }
        driver.get(url("/studies/" + study + "/cases/abc"));
        assertThat(driver.findElement(By.id("error")).getText()).isEqualTo("Bad request: 'abc' is not a valid case id: expected a whole number.");
        logout(driver);
        // someone with no role in the study: the same "not found" as for a study that does not exist
        login(driver, "outsider");
        driver.get(url("/studies/" + study));
        assertThat(driver.findElement(By.id("error")).getText()).isEqualTo("Not found.");
    }

    @Test
    void longActionsShowTheirProgressAndAnUploadOverTheLimitSaysTheLimit()
            throws IOException
    {
        WebDriver driver = browser();
        login(driver, "investigator");
        JavascriptExecutor js = (JavascriptExecutor) driver;
        // the report: on submit the bar shows what the server is doing and the seconds elapsed, at once
        driver.get(url("/studies/" + fixture.studyId + "/results"));
        @SuppressWarnings("unchecked")
        List<Object> shown = (List<Object>) js.executeScript("""
                document.getElementById('report-form').requestSubmit();
                var box = document.querySelector('#report-form .progress');
                return [box.hidden, box.textContent, document.getElementById('generate-report').disabled];""");
        assertThat(shown.get(0)).isEqualTo(false);
        assertThat((String) shown.get(1)).contains("Analysing the cases and writing the report");
        assertThat(shown.get(2)).isEqualTo(true);
        // the server's answer then replaces the page, at the address a plain submit ends on
        new WebDriverWait(driver, Duration.ofSeconds(120)).until(d -> !d.findElements(By.id("report-generated")).isEmpty());
        assertThat(driver.findElement(By.id("report-links")).getText()).contains("report.pdf");
        assertThat(driver.getCurrentUrl()).endsWith("/studies/" + fixture.studyId + "/results");

        // an upload over the 20 MB limit is refused before it is sent, saying the limit
        driver.get(url("/studies/" + fixture.studyId));
        Path big = TestFolders.file("casebook-big", ".csv");
        Files.write(big, new byte[21 * 1024 * 1024]);
        driver.findElement(By.id("import-files")).sendKeys(big.toString());
        driver.findElement(By.id("import")).click();
        WebElement refusal = driver.findElement(By.cssSelector("#import-form .progress-error"));
        assertThat(refusal.getText()).contains("21.0 MB").contains("at most 20.0 MB");
        assertThat(driver.findElement(By.cssSelector("#import-form .progress")).isDisplayed()).isFalse();
        // and should it be sent anyway (a script, an old page), the server answers with its styled page saying the limit
        js.executeScript("document.getElementById('import-form').removeAttribute('data-max-bytes');");
        driver.findElement(By.id("import")).click();
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> d.getPageSource().contains("larger than the limit"));
        assertThat(driver.findElement(By.id("error")).getText()).contains("larger than the limit of 20 MB");
        assertThat(driver.findElement(By.tagName("header")).getText()).contains("casebook");
        Files.delete(big);
    }
}
