package org.casebook.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.store.AuditEntry;
import org.casebook.store.cases.Cases;
import org.casebook.store.study.StudyRole;
import org.casebook.store.study.Users;
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
 * A study created from an uploaded protocol of another shape than the seed's
 * ({@link ProtocolFixture}): mistakes located by file, line and key; its cases imported, stored,
 * shown and edited by the protocol's fields; and the API and the workbook import refusing the
 * same bad values with the same words. Subclasses run it on SQLite and on PostgreSQL.
 */
@SpringBootTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProtocolStudyApiTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> GOOD = Map.of("index_date", "2024-03-01", "age", "64", "sex", "F", "drug", "apixaban",
            "major_bleeding", "no", "prescriptions", "3", "admission_date", "2024-03-10", "discharge_date", "2024-03-14", "notes", "seen twice");

    @Autowired
    private MockMvc mvc;

    @Autowired
    private ApplicationContext context;

    private long studyId;

    @BeforeAll
    void seed()
            throws Exception
    {
        Users users = context.getBean(Users.class);
        users.add("admin", "{noop}unused", true, "test");
        users.add("investigator", "{noop}unused", false, "test");
        MockHttpServletResponse created = perform(upload("Anticoagulant study", "small-anticoag.zip", ProtocolFixture.zip()), "admin");
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        studyId = json(created).path("id").asLong();
        assertThat(json(created).path("protocol").asText()).isEqualTo("small-anticoag");
        users.grant(studyId, "investigator", StudyRole.INVESTIGATOR, false, "test");
        Path workbook = ProtocolFixture.workbook(ProtocolFixture.casesCsv("A1", GOOD));
        MockHttpServletResponse imported = perform(importFiles(workbook, Files.readString(workbook.resolve("cases.csv"))), "investigator");
        assertThat(imported.getStatus()).as(imported.getContentAsString()).isEqualTo(200);
    }

    private static MockMultipartHttpServletRequestBuilder upload(String name, String fileName, byte[] bytes)
    {
        MockMultipartHttpServletRequestBuilder request = multipart("/api/studies")
                .file(new MockMultipartFile("protocolFile", fileName, "application/octet-stream", bytes));
        request.param("name", name);
        return request;
    }

    private MockMultipartHttpServletRequestBuilder importFiles(Path folder, String casesCsv)
            throws Exception
    {
        MockMultipartHttpServletRequestBuilder request = multipart("/api/studies/" + studyId + "/import");
        for (Path file : ProtocolFixture.files(folder)) {
            String name = file.getFileName().toString();
            byte[] bytes = name.equals("cases.csv") ? casesCsv.getBytes(java.nio.charset.StandardCharsets.UTF_8) : Files.readAllBytes(file);
            request.file(new MockMultipartFile("files", name, "text/csv", bytes));
        }
        return request;
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String who)
            throws Exception
    {
        return mvc.perform(request.with(who.equals("admin") ? user(who).roles("USER", "ADMIN") : user(who).roles("USER")).with(csrf()))
                .andReturn().getResponse();
    }

    private static JsonNode json(MockHttpServletResponse response)
            throws Exception
    {
        return JSON.readTree(response.getContentAsString());
    }

    private long caseId(String patientId)
    {
        return context.getBean(Cases.class).list(studyId).stream().filter(c -> c.patientId().equals(patientId)).findFirst().orElseThrow().id();
    }

    private String casePath(String patientId)
    {
        return "/api/studies/" + studyId + "/cases/" + caseId(patientId);
    }

    private Map<String, String> caseFields(String patientId)
            throws Exception
    {
        Map<String, String> fields = new LinkedHashMap<>();
        for (JsonNode value : json(perform(get(casePath(patientId)), "investigator")).path("values")) {
            if (value.path("timepoint").asText().isEmpty()) {
                fields.put(value.path("variable").asText(), value.path("value").asText());
            }
        }
        return fields;
    }

    private MockHttpServletResponse edit(String patientId, Map<String, String> values)
            throws Exception
    {
        int version = json(perform(get(casePath(patientId)), "investigator")).path("summary").path("version").asInt();
        StringBuilder edits = new StringBuilder();
        values.forEach((field, value) -> edits.append(edits.length() == 0 ? "" : ",")
                .append("{\"timepoint\":\"\",\"variable\":\"").append(field).append("\",\"value\":\"").append(value).append("\"}"));
        return perform(put(casePath(patientId) + "/values").contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":" + version + ",\"edits\":[" + edits + "]}"), "investigator");
    }

    @Test
    void casesOfTheProtocolAreStoredByItsFieldsAndReadBackTyped()
            throws Exception
    {
        assertThat(caseFields("A1")).containsExactlyInAnyOrderEntriesOf(GOOD);
        MockHttpServletResponse saved = edit("A1", Map.of("major_bleeding", "Y", "sex", "m", "age", "65.50", "drug", "Rivaroxaban"));
        assertThat(saved.getStatus()).as(saved.getContentAsString()).isEqualTo(200);
        // stored in the one spelling the import stores: yes/no, the protocol's levels and agents, plain numbers
        assertThat(caseFields("A1")).containsEntry("major_bleeding", "yes").containsEntry("sex", "M").containsEntry("age", "65.5")
                .containsEntry("drug", "rivaroxaban");
        List<AuditEntry> history = context.getBean(Cases.class).history(caseId("A1"));
        assertThat(history).anySatisfy(entry -> {
            assertThat(entry.field()).isEqualTo("major_bleeding");
            assertThat(entry.oldValue()).isEqualTo("no");
            assertThat(entry.newValue()).isEqualTo("yes");
        });
        var record = context.getBean(org.casebook.store.cases.StudyWorkbooks.class).load(studyId).findCase("A1").orElseThrow();
        assertThat(record.values()).containsEntry("index_date", java.time.LocalDate.parse("2024-03-01"))
                .containsEntry("prescriptions", 3L).containsEntry("major_bleeding", true);
        assertThat(record.dayZero()).isEqualTo(java.time.LocalDate.parse("2024-03-01"));
    }

    @Test
    void theApiAndTheImportRefuseTheSameBadValuesWithTheSameWords()
            throws Exception
    {
        Map<String, String> bad = new LinkedHashMap<>(GOOD);
        bad.put("age", "150");
        bad.put("sex", "X");
        bad.put("discharge_date", "2024-03-05");
        bad.put("prescriptions", "2.5");
        Path workbook = ProtocolFixture.workbook(ProtocolFixture.casesCsv("B1", bad));
        MockHttpServletResponse imported = perform(importFiles(workbook, ProtocolFixture.casesCsv("B1", bad)), "investigator");
        assertThat(imported.getStatus()).isEqualTo(400);
        Map<String, String> importMessages = new LinkedHashMap<>();
        for (JsonNode issue : json(imported).path("importErrors")) {
            importMessages.put(issue.path("column").asText(), issue.path("problem").asText());
        }
        assertThat(importMessages).containsOnlyKeys("age", "sex", "discharge_date", "prescriptions");

        MockHttpServletResponse edited = edit("A1", Map.of("age", "150", "sex", "X", "discharge_date", "2024-03-05", "prescriptions", "2.5"));
        assertThat(edited.getStatus()).isEqualTo(400);
        JsonNode fieldErrors = json(edited).path("fieldErrors");
        assertThat(fieldErrors.size()).as(edited.getContentAsString()).isEqualTo(4);
        for (JsonNode issue : json(imported).path("importErrors")) {
            // cases.csv row 1, column age: '150': expected a number from 18 to 110  ~  age: '150': expected a number from 18 to 110
            String message = issue.path("column").asText() + ": '" + issue.path("value").asText() + "': " + issue.path("problem").asText();
            assertThat(fieldErrors.path(issue.path("column").asText()).asText()).isEqualTo(message);
        }
        assertThat(fieldErrors.path("age").asText()).isEqualTo("age: '150': expected a number from 18 to 110");
        assertThat(fieldErrors.path("sex").asText()).isEqualTo("sex: 'X': expected F or M");
        assertThat(fieldErrors.path("discharge_date").asText()).isEqualTo("discharge_date: '2024-03-05': discharge is before the admission 2024-03-10");
        assertThat(caseFields("A1")).containsEntry("discharge_date", "2024-03-14");

        // moving the admission after the stored discharge is refused too, on the discharge
        MockHttpServletResponse admission = edit("A1", Map.of("admission_date", "2024-03-20"));
        assertThat(admission.getStatus()).isEqualTo(400);
        assertThat(json(admission).path("fieldErrors").path("discharge_date").asText()).contains("discharge is before the admission 2024-03-20");
        // clearing the required day-0 date: both say it is required
        MockHttpServletResponse cleared = edit("A1", Map.of("index_date", ""));
        assertThat(json(cleared).path("fieldErrors").path("index_date").asText()).isEqualTo("index_date: required value missing");
    }

    @Test
    void aProtocolWithAMistakeIsRefusedWithFileLineAndKey()
            throws Exception
    {
        String text = ProtocolFixture.protocolText().replace("kind: yes_no", "kind: yesno");
        MockHttpServletResponse refused = perform(upload("Bad study", "small-anticoag.zip", ProtocolFixture.zip(Map.of("protocol.yaml", text))), "admin");
        assertThat(refused.getStatus()).isEqualTo(400);
        JsonNode body = json(refused);
        assertThat(body.path("file").asText()).isEqualTo("protocol.yaml");
        assertThat(body.path("line").asInt()).isEqualTo(lineOf(text, "kind: yesno"));
        assertThat(body.path("key").asText()).isEqualTo("case_fields[4].kind");
        assertThat(body.path("error").asText()).contains("yesno");

        MockHttpServletResponse badCodeSet = perform(upload("Bad code set", "small-anticoag.zip",
                ProtocolFixture.zip(Map.of("codesets/anticoagulants.yaml", "id: anticoagulants\nkind: drug\nentries:\n  - {text: apixaban, agentt: apixaban}\n"))), "admin");
        assertThat(badCodeSet.getStatus()).isEqualTo(400);
        assertThat(json(badCodeSet).path("file").asText()).isEqualTo("codesets/anticoagulants.yaml");
        assertThat(json(badCodeSet).path("line").asInt()).isEqualTo(4);

        // a lone protocol.yaml that names code sets: they are not in the upload
        MockHttpServletResponse lone = perform(upload("Lone", "protocol.yaml", ProtocolFixture.protocolText().getBytes()), "admin");
        assertThat(lone.getStatus()).isEqualTo(400);
        assertThat(json(lone).path("error").asText()).contains("codesets/anticoagulants.yaml").contains("not in the upload");
        assertThat(json(lone).path("key").asText()).isEqualTo("code_sets.anticoagulants");

        assertThat(perform(upload("Not admin", "small-anticoag.zip", ProtocolFixture.zip()), "investigator").getStatus()).isEqualTo(403);
        assertThat(json(perform(get("/api/studies"), "admin")).toString()).doesNotContain("Bad study").doesNotContain("Lone");
    }

    /**
     * For each built-in protocol: a study, a case imported with only its required fields, and every
     * case field then filled through the case page's generated form (the input each field gets:
     * the first offered option of a select, a date, a number within the input's min and max, text
     * within its maxlength) and saved; the stored values are those sent.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("org.casebook.protocol.Protocols#builtInNames")
    void aCaseOfEachBuiltInProtocolIsFilledThroughItsGeneratedForm(String protocol)
            throws Exception
    {
        MockHttpServletResponse created = perform(post("/api/studies").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Built-in " + protocol + "\",\"protocol\":\"" + protocol + "\"}"), "admin");
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        long builtInStudy = json(created).path("id").asLong();
        context.getBean(Users.class).grant(builtInStudy, "investigator", StudyRole.INVESTIGATOR, false, "test");
        org.casebook.schema.CaseSchema schema = org.casebook.protocol.Protocols.builtIn(protocol).caseSchema();
        Map<String, String> required = new LinkedHashMap<>();
        for (org.casebook.schema.CaseField field : schema.fields()) {
            if (field.required()) {
                required.put(field.name(), switch (field.kind()) {
                    case DATE -> "2024-01-10";
                    case NUMBER, INTEGER -> field.min() == null ? "1" : field.min().toPlainString();
                    case YES_NO -> "no";
                    case CATEGORY, AGENT -> field.choices().get(0);
                    case TEXT -> "x";
                });
            }
        }
        List<String> columns = schema.columns();
        String casesCsv = String.join(",", columns) + "\n"
                + String.join(",", columns.stream().map(column -> column.equals("patient_id") ? "F1" : required.getOrDefault(column, "")).toList()) + "\n";
        Path folder = TestFolders.folder("casebook-built-in");
        new org.casebook.workbook.WorkbookWriter(schema).writeCsvFolder(new org.casebook.casedata.CaseWorkbook(List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of()), folder);
        MockMultipartHttpServletRequestBuilder upload = multipart("/api/studies/" + builtInStudy + "/import");
        for (Path file : ProtocolFixture.files(folder)) {
            String name = file.getFileName().toString();
            upload.file(new MockMultipartFile("files", name, "text/csv", name.equals("cases.csv") ? casesCsv.getBytes() : Files.readAllBytes(file)));
        }
        MockHttpServletResponse imported = perform(upload, "investigator");
        assertThat(imported.getStatus()).as(imported.getContentAsString()).isEqualTo(200);
        long caseId = context.getBean(Cases.class).list(builtInStudy).get(0).id();
        String casePage = "/studies/" + builtInStudy + "/cases/" + caseId;

        String page = perform(get(casePage), "investigator").getContentAsString();
        Map<String, String> sent = new LinkedHashMap<>();
        for (org.casebook.schema.CaseField field : schema.fields()) {
            String id = "value:" + field.name();
            if (field.kind() == org.casebook.schema.FieldKind.YES_NO) {
                // yes/no is a group of radio buttons: yes, no, not recorded
                assertThat(page).as("radios for %s", field.name()).contains("id=\"" + id + ":yes\"").contains("id=\"" + id + ":no\"")
                        .contains("id=\"" + id + ":none\"");
                sent.put(field.name(), "yes");
                continue;
            }
            int at = page.indexOf("id=\"" + id + "\"");
            assertThat(at).as("an input for %s", field.name()).isPositive();
            String tag = page.substring(page.lastIndexOf("<", at), page.indexOf(">", at) + 1);
            String value;
            if (tag.startsWith("<select")) {
                java.util.regex.Matcher option = java.util.regex.Pattern.compile("<option value=\"([^\"]+)\"").matcher(page.substring(at, page.indexOf("</select>", at)));
                assertThat(option.find()).as("an option of %s", field.name()).isTrue();
                value = option.group(1);
            }
            else if (tag.contains("type=\"date\"")) {
                value = "2024-01-20";
            }
            else if (tag.contains("type=\"number\"")) {
                value = attribute(tag, "min") != null ? attribute(tag, "min") : attribute(tag, "max") != null && Double.parseDouble(attribute(tag, "max")) < 1 ? attribute(tag, "max") : "1";
            }
            else {
                assertThat(tag).contains("type=\"text\"").contains("maxlength=");
                value = "noted";
            }
            sent.put(field.name(), value);
        }
        int version = context.getBean(Cases.class).get(builtInStudy, caseId).version();
        MockHttpServletRequestBuilder form = post(casePage).param("version", Integer.toString(version));
        sent.forEach((field, value) -> form.param("value:" + field, value));
        MockHttpServletResponse saved = perform(form, "investigator");
        assertThat(saved.getStatus()).as(saved.getContentAsString().replaceAll("(?s).*<main>|</main>.*", "")).isEqualTo(302);
        Map<String, String> stored = new LinkedHashMap<>();
        context.getBean(Cases.class).values(caseId).stream().filter(value -> value.timepoint().isEmpty())
                .forEach(value -> stored.put(value.variable(), value.value()));
        assertThat(stored).containsExactlyInAnyOrderEntriesOf(sent);
    }

    private static String attribute(String tag, String name)
    {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(tag);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static int lineOf(String text, String needle)
    {
        return text.substring(0, text.indexOf(needle)).split("\n", -1).length;
    }
}
