package org.casebook.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The adverse-event API through the full security chain: add, edit, remove with audit lines,
 * every column error at once, the lock and conflict rules, the OpenAPI document, and the case
 * page refusing a bad event when the browser's checks are bypassed. Subclasses run it on SQLite and PostgreSQL.
 */
@SpringBootTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AdverseEventApiTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private MockMvc mvc;

    @Autowired
    private ApplicationContext context;

    private StudyFixture fixture;

    @BeforeAll
    void seed()
    {
        fixture = StudyFixture.seed(context, "");
        context.getBean(Users.class).add("investigator2", "{noop}unused", false, "test");
        context.getBean(Users.class).grant(fixture.studyId, "investigator2", StudyRole.INVESTIGATOR, false, "test");
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String who)
            throws Exception
    {
        return mvc.perform(request.with(user(who).roles("USER")).with(csrf())).andReturn().getResponse();
    }

    private static JsonNode json(MockHttpServletResponse response)
            throws Exception
    {
        return JSON.readTree(response.getContentAsString());
    }

    private long caseId(int index)
    {
        return context.getBean(Cases.class).list(fixture.studyId).get(index).id();
    }

    private String events(long caseId)
    {
        return "/api/studies/" + fixture.studyId + "/cases/" + caseId + "/adverse-events";
    }

    private int version(long caseId)
    {
        return context.getBean(Cases.class).get(fixture.studyId, caseId).version();
    }

    private static String change(int version, String reason, String event)
    {
        return "{\"version\":" + version + ",\"reason\":" + (reason == null ? "null" : "\"" + reason + "\"") + ",\"event\":" + event + "}";
    }

    private static final String PNEUMONIA = "{\"term\":\"pneumocystis pneumonia\",\"onsetDate\":\"2024-02-01\",\"grade\":3,\"serious\":true,"
            + "\"relatedTo\":\"glucocorticoid\",\"action\":\"hospitalised\"}";

    @Test
    void investigatorAddsEditsAndRemovesAnAdverseEventAndTheHistoryKeepsEachChange()
            throws Exception
    {
        long caseId = caseId(1);
        MockHttpServletResponse added = perform(post(events(caseId)).contentType(MediaType.APPLICATION_JSON)
                .content(change(version(caseId), null, PNEUMONIA)), "investigator");
        assertThat(added.getStatus()).isEqualTo(201);
        long eventId = json(added).path("eventId").asLong();
        int version = json(added).path("version").asInt();
        JsonNode listed = json(perform(get(events(caseId)), "investigator"));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("grade").asInt()).isEqualTo(3);
        assertThat(listed.get(0).path("serious").asBoolean()).isTrue();

        MockHttpServletResponse edited = perform(put(events(caseId) + "/" + eventId).contentType(MediaType.APPLICATION_JSON)
                .content(change(version, "grade per discharge letter", PNEUMONIA.replace("\"grade\":3", "\"grade\":\"4\""))), "investigator");
        assertThat(edited.getStatus()).isEqualTo(200);
        version = json(edited).path("version").asInt();
        assertThat(json(perform(get(events(caseId)), "investigator")).get(0).path("grade").asInt()).isEqualTo(4);

        MockHttpServletResponse removed = perform(delete(events(caseId) + "/" + eventId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":" + version + ",\"reason\":\"duplicate entry\"}"), "investigator");
        assertThat(removed.getStatus()).isEqualTo(200);
        assertThat(json(perform(get(events(caseId)), "investigator"))).isEmpty();

        String history = perform(get("/api/studies/" + fixture.studyId + "/cases/" + caseId + "/history.csv"), "investigator").getContentAsString();
        String field = "\"adverse_event." + eventId + ".grade\"";
        assertThat(history).contains(field + ",,\"3\"")
                .contains(field + ",\"3\",\"4\",\"grade per discharge letter\"")
                .contains(field + ",\"4\",,\"duplicate entry\"");
    }

    @Test
    void invalidAdverseEventIsRefusedWithEveryColumnErrorAndNothingStored()
            throws Exception
    {
        long caseId = caseId(2);
        int before = version(caseId);
        MockHttpServletResponse refused = perform(post(events(caseId)).contentType(MediaType.APPLICATION_JSON).content(change(before, null,
                "{\"term\":\"neutropenia\",\"onsetDate\":\"2024-02-31\",\"grade\":7,\"relatedTo\":\"infection\"}")), "investigator");
        assertThat(refused.getStatus()).isEqualTo(400);
        JsonNode errors = json(refused).path("fieldErrors");
        assertThat(errors.path("onset_date").asText()).contains("2024-02-31");
        assertThat(errors.path("grade").asText()).contains("1–5");
        assertThat(errors.path("serious").asText()).contains("required");
        assertThat(errors.path("related_to").asText()).contains("jaki, glucocorticoid, other, unknown");
        assertThat(errors.size()).isEqualTo(4);
        assertThat(version(caseId)).isEqualTo(before);
        assertThat(json(perform(get(events(caseId)), "investigator"))).isEmpty();
    }

    @Test
    void ctcaeVersionAndOutcomeAreTakenCheckedAndListed()
            throws Exception
    {
        long caseId = caseId(2);
        int before = version(caseId);
        MockHttpServletResponse refused = perform(post(events(caseId)).contentType(MediaType.APPLICATION_JSON).content(change(before, null,
                PNEUMONIA.replace("}", ",\"ctcaeVersion\":\"latest\",\"outcome\":\"cured\"}"))), "investigator");
        assertThat(refused.getStatus()).isEqualTo(400);
        JsonNode errors = json(refused).path("fieldErrors");
        assertThat(errors.path("ctcae_version").asText()).isEqualTo("ctcae_version: 'latest': expected " + org.casebook.schema.AdverseEventSchema.CTCAE_VERSION_EXPECTED);
        assertThat(errors.path("outcome").asText()).contains("'cured'").contains("recovered, recovering, not_recovered");
        assertThat(errors.size()).isEqualTo(2);

        MockHttpServletResponse added = perform(post(events(caseId)).contentType(MediaType.APPLICATION_JSON).content(change(before, null,
                PNEUMONIA.replace("}", ",\"ctcaeVersion\":\"5.0\",\"outcome\":\"Fatal\"}"))), "investigator");
        assertThat(added.getStatus()).isEqualTo(201);
        long eventId = json(added).path("eventId").asLong();
        JsonNode listed = java.util.stream.StreamSupport.stream(json(perform(get(events(caseId)), "investigator")).spliterator(), false)
                .filter(event -> event.path("id").asLong() == eventId).findFirst().orElseThrow();
        assertThat(listed.path("ctcaeVersion").asText()).isEqualTo("5.0");
        assertThat(listed.path("outcome").asText()).isEqualTo("fatal");
        // the case's events are left as they were for the other tests
        assertThat(perform(delete(events(caseId) + "/" + eventId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":" + json(added).path("version").asInt() + ",\"reason\":\"test entry\"}"), "investigator").getStatus()).isEqualTo(200);
    }

    @Test
    void staleAdverseEventChangeIsAConflictShowingTheOtherChange()
            throws Exception
    {
        long caseId = fixture.caseId;
        int opened = version(caseId);
        long imported = json(perform(get(events(caseId)), "investigator")).get(0).path("id").asLong();
        MockHttpServletResponse first = perform(put(events(caseId) + "/" + imported).contentType(MediaType.APPLICATION_JSON).content(change(opened, null,
                "{\"term\":\"herpes zoster\",\"onsetDate\":\"2024-01-02\",\"grade\":3,\"serious\":\"no\",\"relatedTo\":\"jaki\",\"action\":\"drug stopped\"}")),
                "investigator");
        assertThat(first.getStatus()).isEqualTo(200);
        MockHttpServletResponse second = perform(put(events(caseId) + "/" + imported).contentType(MediaType.APPLICATION_JSON).content(change(opened, null,
                "{\"term\":\"herpes zoster\",\"onsetDate\":\"2024-01-02\",\"grade\":1,\"serious\":\"no\",\"relatedTo\":\"jaki\",\"action\":\"drug stopped\"}")),
                "investigator2");
        assertThat(second.getStatus()).isEqualTo(409);
        JsonNode body = json(second);
        assertThat(body.path("error").asText()).contains("investigator at").contains("adverse_event." + imported + ".grade '2' → '3'");
        assertThat(body.path("otherChanges").get(0).path("username").asText()).isEqualTo("investigator");
        assertThat(json(perform(get(events(caseId)), "investigator")).get(0).path("grade").asInt()).isEqualTo(3);
    }

    @Test
    void lockedCaseTakesAnAdverseEventOnlyWithAReason()
            throws Exception
    {
        long caseId = caseId(2);
        MockHttpServletResponse lock = perform(post("/api/studies/" + fixture.studyId + "/cases/" + caseId + "/lock").contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":" + version(caseId) + ",\"locked\":true}"), "investigator");
        assertThat(lock.getStatus()).isEqualTo(200);
        int locked = json(lock).path("version").asInt();
        MockHttpServletResponse refused = perform(post(events(caseId)).contentType(MediaType.APPLICATION_JSON).content(change(locked, null, PNEUMONIA)), "investigator");
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(json(refused).path("error").asText()).contains("locked").contains("reason");
        MockHttpServletResponse added = perform(post(events(caseId)).contentType(MediaType.APPLICATION_JSON)
                .content(change(locked, "late report from the ward", PNEUMONIA)), "investigator");
        assertThat(added.getStatus()).isEqualTo(201);
    }

    @Test
    void casePageRefusesABadAdverseEventWhenTheBrowserChecksAreBypassed()
            throws Exception
    {
        long caseId = caseId(0);
        int before = version(caseId);
        MockHttpServletResponse page = perform(post("/studies/" + fixture.studyId + "/cases/" + caseId + "/adverse-events")
                .param("version", Integer.toString(before)).param("term", "rash").param("onset_date", "2024-02-30")
                .param("grade", "2").param("serious", "maybe").param("related_to", "jaki"), "investigator");
        assertThat(page.getStatus()).isEqualTo(400);
        assertThat(page.getContentAsString()).contains("Adverse event not saved").contains("onset_date: &#39;2024-02-30&#39;")
                .contains("serious: &#39;maybe&#39;: expected yes or no");
        assertThat(version(caseId)).isEqualTo(before);
    }

    @Test
    void casePageEditsAndRemovesAnAdverseEventWithTheReasonInTheHistory()
            throws Exception
    {
        long caseId = caseId(1);
        long eventId = json(perform(post(events(caseId)).contentType(MediaType.APPLICATION_JSON)
                .content(change(version(caseId), null, PNEUMONIA)), "investigator")).path("eventId").asLong();
        String page = "/studies/" + fixture.studyId + "/cases/" + caseId + "/adverse-events/" + eventId;
        MockHttpServletResponse edited = perform(post(page).param("version", Integer.toString(version(caseId))).param("term", "pneumocystis pneumonia")
                .param("onset_date", "2024-02-01").param("grade", "4").param("serious", "yes").param("related_to", "glucocorticoid")
                .param("action", "hospitalised").param("reason", "ICU admission found"), "investigator");
        assertThat(edited.getStatus()).isEqualTo(302);
        assertThat(json(perform(get(events(caseId)), "investigator")).get(0).path("grade").asInt()).isEqualTo(4);
        MockHttpServletResponse removed = perform(post(page + "/remove").param("version", Integer.toString(version(caseId)))
                .param("reason", "same event entered twice"), "investigator");
        assertThat(removed.getStatus()).isEqualTo(302);
        assertThat(json(perform(get(events(caseId)), "investigator"))).isEmpty();
        String history = perform(get("/studies/" + fixture.studyId + "/cases/" + caseId), "investigator").getContentAsString();
        assertThat(history).contains("adverse_event." + eventId + ".grade").contains("ICU admission found").contains("same event entered twice");
    }

    @Test
    void casePageRendersTheCheckRulesFromTheProtocolAndTheCaseFields()
            throws Exception
    {
        String page = perform(get("/studies/" + fixture.studyId + "/cases/" + caseId(0)), "investigator").getContentAsString();
        assertThat(inputTag(page, "value:onset.fio2")).contains("data-kind=\"number\"").contains("data-min=\"0.21\"").contains("data-max=\"1\"");
        assertThat(inputTag(page, "value:age")).contains("data-kind=\"number\"").contains("data-min=\"0\"").contains("data-max=\"120\"");
        assertThat(inputTag(page, "value:admission_date")).contains("data-kind=\"date\"").doesNotContain("data-min").doesNotContain("data-allowed");
        assertThat(inputTag(page, "value:smoking")).contains("data-kind=\"choice\"").contains("data-allowed=\"never|former|current\"");
        // an agent field offers its code set's agents (a select, as categories are)
        assertThat(inputTag(page, "value:jaki_agent")).startsWith("<select").contains("data-kind=\"choice\"")
                .contains("data-allowed=\"tofacitinib|baricitinib|upadacitinib|filgotinib|peficitinib\"");
        // and its also values after them (prior_jaki: none)
        assertThat(inputTag(page, "value:prior_jaki")).startsWith("<select")
                .contains("data-allowed=\"tofacitinib|baricitinib|upadacitinib|filgotinib|peficitinib|none\"");
        assertThat(inputTag(page, "ae-new-related_to")).contains("data-allowed=\"jaki|glucocorticoid|other|unknown\"");
        assertThat(inputTag(page, "ae-new-grade")).contains("data-min=\"1\"").contains("data-max=\"5\"");
    }

    private static String inputTag(String page, String id)
    {
        int at = page.indexOf("id=\"" + id + "\"");
        assertThat(at).as("input %s on the page", id).isPositive();
        // the opening tag holding the id: an input, or a select (categories, agents, yes/no)
        return page.substring(page.lastIndexOf("<", at), page.indexOf(">", at) + 1);
    }

    @Test
    void openApiDocumentsTheAdverseEventRoutes()
            throws Exception
    {
        JsonNode paths = json(perform(get("/v3/api-docs"), "investigator")).path("paths");
        JsonNode collection = paths.path("/api/studies/{studyId}/cases/{caseId}/adverse-events");
        JsonNode item = paths.path("/api/studies/{studyId}/cases/{caseId}/adverse-events/{eventId}");
        assertThat(collection.has("get")).isTrue();
        assertThat(collection.has("post")).isTrue();
        assertThat(item.has("put")).isTrue();
        assertThat(item.has("delete")).isTrue();
    }
}
