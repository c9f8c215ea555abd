package org.casebook.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.casedata.CaseRecords;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.CtStudy;
import org.casebook.casedata.SourceRef;
import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.KazerooniLobe;
import org.casebook.ctscore.KazerooniLobeScore;
import org.casebook.ctscore.KazerooniRead;
import org.casebook.ctscore.LungZone;
import org.casebook.ctscore.ScanRef;
import org.casebook.ctscore.ZoneExtent;
import org.casebook.protocol.Protocols;
import org.casebook.schema.CaseSchema;
import org.casebook.store.ct.CtReading;
import org.casebook.store.ct.CtScan;
import org.casebook.store.study.StudyRole;
import org.casebook.store.study.Users;
import org.casebook.workbook.WorkbookWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcPrint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * A study created from the built-in {@code dm-ild-tofacitinib} protocol, which scores CTs with the
 * Kazerooni score: its workbook's lobe reads imported, a blinded reader grading a scan lobe by
 * lobe (and refused, by lobe and item, what the score does not allow), an adjudicator deciding
 * a disagreement over the protocol's threshold, and the investigator's results and reads export
 * following. Subclasses run it on SQLite and on PostgreSQL.
 */
@SpringBootTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KazerooniReadingApiTest
{
    static final String DM_ILD = "dm-ild-tofacitinib";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private MockMvc mvc;

    @Autowired
    private ApplicationContext context;

    @BeforeAll
    void users()
    {
        Users users = context.getBean(Users.class);
        users.add("kadmin", "{noop}unused", true, "test");
        for (String name : List.of("kinvestigator", "kreader", "kadjudicator", "kanalyst")) {
            users.add(name, "{noop}unused", false, "test");
        }
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String who)
            throws Exception
    {
        return mvc.perform(request.with(who.equals("kadmin") ? user(who).roles("USER", "ADMIN") : user(who).roles("USER")).with(csrf()))
                .andReturn().getResponse();
    }

    private static JsonNode json(MockHttpServletResponse response)
            throws Exception
    {
        return JSON.readTree(response.getContentAsString());
    }

    /** Every lobe graded alike. */
    static List<KazerooniLobeScore> lobes(int alveolar, int interstitial)
    {
        return Arrays.stream(KazerooniLobe.values()).map(lobe -> new KazerooniLobeScore(lobe, alveolar, interstitial)).toList();
    }

    /**
     * Three patients D1, D2, D3, each with a baseline CT read by R1 (every lobe alveolar i, interstitial
     * 1: i + 1 for Di) and R2 (alveolar i + 1: i + 2); with {@code ichikado}, also an Ichikado read,
     * which a Kazerooni study has no place for.
     */
    static CaseWorkbook workbook(boolean ichikado)
    {
        CaseSchema schema = Protocols.builtIn(DM_ILD).caseSchema();
        List<org.casebook.casedata.CaseRecord> cases = new ArrayList<>();
        List<CtStudy> studies = new ArrayList<>();
        List<KazerooniRead> reads = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String patient = "D" + i;
            Map<String, Object> values = schema.check(Map.of("index_date", "2024-02-01", "sex", "F", "dm_subtype", "amyopathic")).values();
            cases.add(CaseRecords.of(patient, schema, values, new SourceRef("cases.csv")));
            studies.add(new CtStudy(patient, "baseline", LocalDate.parse("2024-01-20"), "ACC-" + patient, new SourceRef("ct_studies.csv")));
            reads.add(new KazerooniRead(new ScanRef(patient, "baseline"), "R1", lobes(i, 1)));
            reads.add(new KazerooniRead(new ScanRef(patient, "baseline"), "R2", lobes(i + 1, 1)));
        }
        List<IchikadoRead> zones = new ArrayList<>();
        if (ichikado) {
            zones.add(new IchikadoRead(new ScanRef("D1", "baseline"), "R3",
                    Arrays.stream(LungZone.values()).map(zone -> ZoneExtent.of(zone, 100, 0, 0, 0, 0, 0)).toList()));
        }
        return new CaseWorkbook(cases, List.of(), studies, zones, reads, List.of());
    }

    /** The workbook as the CSV files an investigator uploads. */
    static MockMultipartHttpServletRequestBuilder importRequest(long studyId, CaseWorkbook workbook)
            throws Exception
    {
        Path folder = TestFolders.folder("casebook-kazerooni").resolve("workbook");
        new WorkbookWriter(Protocols.builtIn(DM_ILD).caseSchema()).writeCsvFolder(workbook, folder);
        MockMultipartHttpServletRequestBuilder upload = multipart("/api/studies/" + studyId + "/import");
        try (var files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                upload.file(new MockMultipartFile("files", file.getFileName().toString(), "text/csv", Files.readAllBytes(file)));
            }
        }
        return upload;
    }

    /** A new study on dm-ild-tofacitinib, created by the admin with the protocol's threshold, its members and its two patients. */
    private long study(String name)
            throws Exception
    {
        MockHttpServletResponse created = perform(post("/api/studies").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"protocol\":\"" + DM_ILD + "\"}"), "kadmin");
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        assertThat(json(created).path("adjudicationThreshold").asDouble()).isEqualTo(2.0);
        long studyId = json(created).path("id").asLong();
        Users users = context.getBean(Users.class);
        users.grant(studyId, "kinvestigator", StudyRole.INVESTIGATOR, false, "test");
        users.grant(studyId, "kreader", StudyRole.READER, false, "test");
        users.grant(studyId, "kadjudicator", StudyRole.READER, true, "test");
        users.grant(studyId, "kanalyst", StudyRole.ANALYST, false, "test");
        MockHttpServletResponse imported = perform(importRequest(studyId, workbook(false)), "kinvestigator");
        assertThat(imported.getStatus()).as(imported.getContentAsString()).isEqualTo(200);
        MockHttpServletResponse assigned = perform(post("/api/studies/" + studyId + "/scans/assignments").contentType(MediaType.APPLICATION_JSON)
                .content("{\"reader\":\"kreader\"}"), "kinvestigator");
        assertThat(assigned.getStatus()).as(assigned.getContentAsString()).isEqualTo(200);
        return studyId;
    }

    private String scanOf(long studyId, String patient)
    {
        return context.getBean(CtReading.class).scans(studyId).stream().filter(scan -> scan.patientId().equals(patient))
                .map(CtScan::code).findFirst().orElseThrow();
    }

    /** Every lobe graded alike, as the API takes it. */
    private static String lobesJson(int version, boolean adjudication, String alveolar, String interstitial)
    {
        StringBuilder lobes = new StringBuilder();
        for (KazerooniLobe lobe : KazerooniLobe.values()) {
            lobes.append(lobes.length() == 0 ? "" : ",").append("{\"lobe\":\"").append(lobe).append("\",\"alveolar\":").append(alveolar)
                    .append(",\"interstitial\":").append(interstitial).append('}');
        }
        return "{\"version\":" + version + ",\"adjudication\":" + adjudication + ",\"lobes\":[" + lobes + "]}";
    }

    @Test
    void aBlindedReaderGradesLobesAnAdjudicatorDecidesAndTheResultsFollow()
            throws Exception
    {
        long studyId = study("Tofacitinib in DM-ILD");
        String code = scanOf(studyId, "D1");
        String worklist = perform(get("/api/studies/" + studyId + "/worklist"), "kreader").getContentAsString();
        assertThat(worklist).contains(code).doesNotContain("D1").doesNotContain("baseline").doesNotContain("2024-").doesNotContain("ACC-");
        String path = "/api/studies/" + studyId + "/worklist/" + code;
        JsonNode unread = json(perform(get(path), "kreader"));
        assertThat(unread.path("system").asText()).isEqualTo("kazerooni");
        assertThat(unread.path("lobes").size()).isZero();
        assertThat(unread.has("zones")).isFalse();

        MockHttpServletResponse zones = perform(put(path).contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":0,\"zones\":[{\"zone\":\"RU\",\"normal\":100}]}"), "kreader");
        assertThat(zones.getStatus()).isEqualTo(400);
        assertThat(json(zones).path("error").asText()).contains("no lobes").contains("Kazerooni score").contains("RUL, RML, RLL, LUL, LLL");

        String gradeSixAndNoLll = lobesJson(0, false, "1", "1").replace("{\"lobe\":\"RML\",\"alveolar\":1", "{\"lobe\":\"RML\",\"alveolar\":6")
                .replaceAll(",\\{\"lobe\":\"LLL\"[^}]*}", "");
        MockHttpServletResponse refused = perform(put(path).contentType(MediaType.APPLICATION_JSON).content(gradeSixAndNoLll), "kreader");
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(json(refused).path("error").asText()).contains("lobe RML: alveolar '6': expected a grade 0–5").contains("missing lobe(s) LLL");
        MockHttpServletResponse fraction = perform(put(path).contentType(MediaType.APPLICATION_JSON).content(lobesJson(0, false, "2.5", "1")), "kreader");
        assertThat(json(fraction).path("error").asText()).contains("lobe RUL: alveolar '2.5': expected a grade 0–5");

        MockHttpServletResponse saved = perform(put(path).contentType(MediaType.APPLICATION_JSON).content(lobesJson(0, false, "4", "3")), "kreader");
        assertThat(saved.getStatus()).as(saved.getContentAsString()).isEqualTo(200);
        assertThat(json(saved).path("total").asDouble()).isEqualTo(7.0);
        JsonNode read = json(perform(get(path), "kreader"));
        assertThat(read.path("version").asInt()).isEqualTo(1);
        assertThat(read.path("lobes").size()).isEqualTo(5);
        assertThat(read.path("lobes").get(0).toString()).isEqualTo("{\"lobe\":\"RUL\",\"alveolar\":4,\"interstitial\":3}");
        // a second save on the stale version 0 is a conflict
        assertThat(perform(put(path).contentType(MediaType.APPLICATION_JSON).content(lobesJson(0, false, "4", "4")), "kreader").getStatus()).isEqualTo(409);

        // kreader's 7.0 is 5 points from R1's 2.0, over the protocol's threshold of 2
        assertThat(perform(get("/api/studies/" + studyId + "/worklist"), "kadjudicator").getContentAsString())
                .contains("{\"code\":\"" + code + "\",\"read\":false,\"adjudication\":true}");
        MockHttpServletResponse adjudicated = perform(put(path).contentType(MediaType.APPLICATION_JSON).content(lobesJson(0, true, "3", "2")), "kadjudicator");
        assertThat(adjudicated.getStatus()).as(adjudicated.getContentAsString()).isEqualTo(200);
        assertThat(json(adjudicated).path("total").asDouble()).isEqualTo(5.0);

        JsonNode results = json(perform(get("/api/studies/" + studyId + "/results"), "kinvestigator"));
        assertThat(results.path("protocol").path("ct_score").asText()).isEqualTo("kazerooni");
        assertThat(results.path("adjudicated_scan_codes").toString()).contains(code);
        // D1: the adjudicator's 5.0 (alveolar 3); D2: the mean of R1's 3.0 and R2's 4.0 (alveolar 2.5); D3: of 4.0 and 5.0 (3.5)
        JsonNode baseline = results.path("timepoints").path("baseline");
        assertThat(baseline.path("ct_total").path("mean").asDouble()).isCloseTo(13.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(baseline.path("ct_alveolar").path("mean").asDouble()).isEqualTo(3.0);
        String page = perform(get("/studies/" + studyId + "/results"), "kinvestigator").getContentAsString();
        // agreement on the Kazerooni totals of D2 and D3 (D1 is adjudicated): R1 is 1.0 below R2 on both
        assertThat(page).contains("Kazerooni score").contains("(0–10)").contains("ICC(2,1)")
                .contains("Bland–Altman (<span>R1 − R2</span>, <span>2</span> scans):").contains("bias <span>-1.0</span>")
                .contains("limits of agreement\n      <span>-1.0</span> to <span>-1.0</span> score points");
        // pooled and per time point, as the analysis has them (the same two scans, both at baseline), and which reads were used
        String agreement = page.substring(page.indexOf("<table id=\"agreement\""), page.indexOf("</table>", page.indexOf("<table id=\"agreement\"")));
        assertThat(agreement).contains("<th scope=\"row\">All time points, pooled</th>").contains("<th scope=\"row\">Baseline</th>")
                .contains("Agreement between readers R1 and R2 on the 2 scans both read");
        assertThat(agreement.split("<td>2</td>", -1)).as("two scans on both rows").hasSize(3);
        assertThat(page).contains("<span id=\"adjudicated-count\">1</span>").contains("<span id=\"adjudicated-codes\">" + code + "</span>");
    }

    @Test
    void investigatorsDownloadEveryReadLobeByLobeAndNoOneElseDoes()
            throws Exception
    {
        long studyId = study("Reads export");
        String code = scanOf(studyId, "D2");
        MockHttpServletResponse saved = perform(put("/api/studies/" + studyId + "/worklist/" + code).contentType(MediaType.APPLICATION_JSON)
                .content(lobesJson(0, false, "0", "5")), "kreader");
        assertThat(saved.getStatus()).as(saved.getContentAsString()).isEqualTo(200);
        MockHttpServletResponse download = perform(get("/api/studies/" + studyId + "/scans/reads.csv"), "kinvestigator");
        assertThat(download.getStatus()).isEqualTo(200);
        List<String> lines = download.getContentAsString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("scan,patient_id,timepoint,reader,adjudication,scoring_system,total,lobe,alveolar,interstitial");
        // 3 patients × 2 imported reads + kreader's, 5 lobes each
        assertThat(lines).hasSize(1 + 7 * 5);
        assertThat(lines).contains(code + ",D2,baseline,kreader,no,kazerooni,5.0,LUL,0,5", code + ",D2,baseline,R2,no,kazerooni,4.0,RUL,3,1");
        for (String who : List.of("kreader", "kanalyst", "kadjudicator")) {
            assertThat(perform(get("/api/studies/" + studyId + "/scans/reads.csv"), who).getStatus()).as(who).isEqualTo(403);
            assertThat(perform(get("/studies/" + studyId + "/scans/reads.csv"), who).getStatus()).as(who).isEqualTo(403);
        }
    }

    @Test
    void theReadingFormOffersEachGradeWithItsMeaningAndTheServerRefusesAnUngradedLobe()
            throws Exception
    {
        long studyId = study("Reading form");
        String code = scanOf(studyId, "D1");
        String formPath = "/studies/" + studyId + "/worklist/" + code;
        String page = perform(get(formPath), "kreader").getContentAsString();
        assertThat(page).contains("<select name=\"RUL.alveolar\" id=\"RUL.alveolar\"").contains("LLL left lower lobe")
                .contains(">2 · 5–24 %<").contains(">1 · septal thickening, no honeycombing<").contains("Kazerooni score")
                .doesNotContain("baseline").doesNotContain("2024-");
        // the patient's id nowhere on the page; the random CSRF token, which may hold "D1" by chance, left out of that check
        assertThat(page.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "")).doesNotContain("D1");
        var form = post(formPath).param("version", "0");
        for (KazerooniLobe lobe : KazerooniLobe.values()) {
            form.param(lobe + ".alveolar", lobe == KazerooniLobe.RLL ? "" : "2").param(lobe + ".interstitial", "1");
        }
        MockHttpServletResponse refused = perform(form, "kreader");
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("lobe RLL: alveolar missing: expected a grade 0–5");
        var complete = post(formPath).param("version", "0");
        for (KazerooniLobe lobe : KazerooniLobe.values()) {
            complete.param(lobe + ".alveolar", "2").param(lobe + ".interstitial", "1");
        }
        org.springframework.test.web.servlet.MvcResult saved = mvc.perform(complete.with(user("kreader").roles("USER")).with(csrf())).andReturn();
        assertThat(saved.getResponse().getStatus()).isEqualTo(302);
        assertThat(saved.getFlashMap().get("message")).isEqualTo("Saved read of " + code + ": Kazerooni score 3.0.");
    }

    @Test
    void aThresholdTheScoreCannotReachAndAWorkbookOfIchikadoReadsAreRefused()
            throws Exception
    {
        MockHttpServletResponse refused = perform(post("/api/studies").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Threshold 30\",\"protocol\":\"" + DM_ILD + "\",\"adjudicationThreshold\":30}"), "kadmin");
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(json(refused).path("error").asText()).contains("Kazerooni score (0–10)").contains("the protocol's own threshold is 2");

        MockHttpServletResponse created = perform(post("/api/studies").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Mixed reads\",\"protocol\":\"" + DM_ILD + "\"}"), "kadmin");
        long studyId = json(created).path("id").asLong();
        context.getBean(Users.class).grant(studyId, "kinvestigator", StudyRole.INVESTIGATOR, false, "test");
        MockHttpServletResponse mixed = perform(importRequest(studyId, workbook(true)), "kinvestigator");
        assertThat(mixed.getStatus()).isEqualTo(400);
        assertThat(json(mixed).path("error").asText()).contains("scores CTs with the Kazerooni score").contains("1 Ichikado score read(s) (ct_reads)");
        assertThat(new String(perform(get("/api/studies/" + studyId + "/cases"), "kinvestigator").getContentAsByteArray(), StandardCharsets.UTF_8))
                .isEqualTo("[]");
    }
}
