package org.casebook.web.study;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.casebook.error.CasebookException;
import org.casebook.web.results.StudyReports;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The screening page (investigators): the {@code screening.csv} and {@code flow.json} of a
 * {@code casebook screen} output folder, imported into the study's data folder
 * ({@code DATA/studies/<id>/screening/}) and shown read-only: the flow counts and the log.
 */
@Controller
public class ScreeningPages
{
    static final String LOG = "screening.csv";
    static final String FLOW = "flow.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LOG_COLUMNS = List.of("case_no", "patient_id", "status");

    private final StudyReports reports;
    private final StudyProtocols protocols;

    public ScreeningPages(StudyReports reports, StudyProtocols protocols)
    {
        this.reports = reports;
        this.protocols = protocols;
    }

    /** One count of flow.json: its section (blank for the top level), name and value. */
    public record FlowCount(String section, String name, String value) {}

    @GetMapping("/studies/{studyId}/screening")
    public String page(@PathVariable long studyId, Model model)
    {
        model.addAttribute("study", protocols.study(studyId));
        Path folder = folder(studyId);
        boolean imported = Files.isRegularFile(folder.resolve(LOG)) && Files.isRegularFile(folder.resolve(FLOW));
        model.addAttribute("imported", imported);
        if (imported) {
            try {
                model.addAttribute("flow", flowCounts(Files.readString(folder.resolve(FLOW))));
                List<List<String>> log = log(Files.readString(folder.resolve(LOG)));
                model.addAttribute("logHeader", log.get(0));
                model.addAttribute("logRows", log.subList(1, log.size()));
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "screening";
    }

    @PostMapping("/studies/{studyId}/screening")
    public String importOutput(@PathVariable long studyId, @RequestParam("log") MultipartFile log, @RequestParam("flow") MultipartFile flow)
            throws IOException
    {
        String logText = new String(log.getBytes(), StandardCharsets.UTF_8);
        String flowText = new String(flow.getBytes(), StandardCharsets.UTF_8);
        log(logText);
        flowCounts(flowText);
        Path folder = folder(studyId);
        Files.createDirectories(folder);
        write(folder.resolve(FLOW), flowText);
        write(folder.resolve(LOG), logText);
        return "redirect:/studies/" + studyId + "/screening";
    }

    private Path folder(long studyId)
    {
        return reports.directory(studyId).resolveSibling("screening");
    }

    private static void write(Path file, String text)
            throws IOException
    {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, text, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The flow counts, top-level values first, then each object's entries under its name. */
    static List<FlowCount> flowCounts(String text)
    {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        }
        catch (IOException e) {
            throw CasebookException.badInput("flow.json is not JSON: %s", e.getMessage());
        }
        if (tree == null || !tree.isObject() || !tree.has("patients_in_extract")) {
            throw CasebookException.badInput("flow.json is not a screening flow (no patients_in_extract)");
        }
        List<FlowCount> counts = new ArrayList<>();
        Map<String, JsonNode> sections = new LinkedHashMap<>();
        tree.fields().forEachRemaining(field -> {
            if (field.getValue().isObject()) {
                sections.put(field.getKey(), field.getValue());
            }
            else {
                counts.add(new FlowCount("", field.getKey(), field.getValue().asText()));
            }
        });
        sections.forEach((section, node) -> node.fields().forEachRemaining(field ->
                counts.add(new FlowCount(section, field.getKey(), field.getValue().asText()))));
        return counts;
    }

    /** The screening log as rows of cells, header first. */
    static List<List<String>> log(String text)
    {
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(text))) {
            for (CSVRecord record : parser) {
                rows.add(record.toList());
            }
        }
        catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw CasebookException.badInput("screening.csv cannot be read as CSV: %s", e.getMessage());
        }
        if (rows.isEmpty() || rows.get(0).size() < LOG_COLUMNS.size() || !rows.get(0).subList(0, LOG_COLUMNS.size()).equals(LOG_COLUMNS)) {
            throw CasebookException.badInput("screening.csv is not a screening log (its header must begin %s)", String.join(",", LOG_COLUMNS));
        }
        return rows;
    }
}
