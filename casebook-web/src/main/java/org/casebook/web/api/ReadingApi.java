package org.casebook.web.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.casebook.ctscore.CtScoringSystem;
import org.casebook.ctscore.ReadGrid;
import org.casebook.ctscore.ReadItem;
import org.casebook.ctscore.ReadLayout;
import org.casebook.ctscore.ReadRegion;
import org.casebook.error.CasebookException;
import org.casebook.store.ct.CtReading;
import org.casebook.store.ct.SavedRead;
import org.casebook.store.ct.WorklistItem;
import org.casebook.store.ct.WorklistPages;
import org.casebook.web.cases.PageSizes;
import org.casebook.web.security.StudyAccess;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A reader's blinded worklist and reads under the study protocol's CT scoring system (Ichikado
 * zone by zone: {@code zones}; Kazerooni lobe by lobe: {@code lobes}): codes only, never patient,
 * date, time point or PACS accession (accessions often name the patient and time point); the
 * accession of one scan is opened by an explicit, audited request.
 */
@RestController
@RequestMapping("/api/studies/{studyId}/worklist")
public class ReadingApi
{
    private final CtReading reading;
    private final StudyAccess access;

    private final WorklistPages worklists;

    public ReadingApi(CtReading reading, StudyAccess access, WorklistPages worklists)
    {
        this.worklists = worklists;
        this.reading = reading;
        this.access = access;
    }

    /**
     * A read as the reader sees it: the code, the scoring system and their values (no patient,
     * date or time point): {@code zones} [{zone, normal, ggo, consolidation, ggoTraction,
     * consolidationTraction, honeycombing}] for Ichikado, {@code lobes} [{lobe, alveolar,
     * interstitial}] for Kazerooni.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BlindedRead(String code, boolean adjudication, int version, String system, double total,
            List<Map<String, Object>> zones, List<Map<String, Object>> lobes) {}

    /** A read made on {@code version} (0 for a first read): {@code zones} in an Ichikado study, {@code lobes} in a Kazerooni one. */
    public record ReadSubmission(int version, boolean adjudication, List<Map<String, Object>> zones, List<Map<String, Object>> lobes) {}

    /**
     * The worklist, every scan unless paged ({@code page}, {@code size}; searched by {@code search}
     * in codes, {@code filter} all, to-read or read, {@code sort} worklist or code): the database
     * pages; the {@code X-Total-Count} header says how many scans match.
     */
    @GetMapping
    public ResponseEntity<List<WorklistItem>> worklist(@PathVariable long studyId, @RequestParam(required = false) String search,
            @RequestParam(required = false) String filter, @RequestParam(required = false) String sort, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "all") String size, Authentication authentication)
    {
        WorklistPages.Page shown = worklists.page(studyId, authentication.getName(), access.isAdjudicator(authentication, studyId),
                new WorklistPages.Request(search, filter, sort, page, PageSizes.parse(size)));
        return ResponseEntity.ok().header("X-Total-Count", Integer.toString(shown.matching())).body(shown.items());
    }

    @GetMapping("/{code}")
    public BlindedRead read(@PathVariable long studyId, @PathVariable String code, @RequestParam(defaultValue = "false") boolean adjudication,
            Authentication authentication)
    {
        requireOnWorklist(studyId, code, adjudication, authentication);
        CtScoringSystem system = reading.system(studyId);
        return reading.findRead(studyId, code, authentication.getName(), adjudication)
                .map(read -> blinded(system, read))
                .orElse(blinded(system, code, adjudication, 0, 0, List.of()));
    }

    /** A scan's PACS accession number, to open it in PACS: on explicit action, audited, refused (403) when the study hides accessions. */
    public record OpenedAccession(String code, String accession) {}

    @PostMapping("/{code}/accession")
    public OpenedAccession openAccession(@PathVariable long studyId, @PathVariable String code, Authentication authentication)
    {
        return new OpenedAccession(code, reading.openAccession(studyId, code, authentication.getName(), access.isAdjudicator(authentication, studyId)));
    }

    @PutMapping("/{code}")
    public BlindedRead save(@PathVariable long studyId, @PathVariable String code, @RequestBody ReadSubmission submission, Authentication authentication)
    {
        // the store checks the assignment (or that the scan awaits adjudication); the adjudicator right is checked here
        if (submission.adjudication() && !access.isAdjudicator(authentication, studyId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "scan " + code + " is not on your worklist");
        }
        CtScoringSystem system = reading.system(studyId);
        ReadGrid grid = system.layout().parse(typed(system, submission));
        SavedRead saved = reading.saveRead(studyId, code, authentication.getName(), submission.adjudication(), submission.version(), grid);
        return blinded(system, saved);
    }

    /**
     * The submitted regions by code and item name, values as text, for {@link ReadLayout#parse}
     * (which names every problem); an item is named in camel case ({@code ggoTraction}) or as in
     * the workbook ({@code ggo_traction}).
     */
    private static Map<String, Map<String, String>> typed(CtScoringSystem system, ReadSubmission submission)
    {
        ReadLayout layout = system.layout();
        boolean ichikado = layout.regionsKey().equals("zones");
        List<Map<String, Object>> rows = ichikado ? submission.zones() : submission.lobes();
        List<Map<String, Object>> other = ichikado ? submission.lobes() : submission.zones();
        String expected = "expected the " + layout.regions().size() + " " + layout.regionsKey() + " "
                + layout.regions().stream().map(ReadRegion::code).collect(Collectors.joining(", ")) + ", each with "
                + layout.items().stream().map(ReadItem::jsonName).collect(Collectors.joining(", "));
        if (rows == null) {
            throw CasebookException.badInput("no %s: this study scores CTs with the %s; %s%s", layout.regionsKey(), system.label(), expected,
                    other == null ? "" : " (not " + (ichikado ? "lobes" : "zones") + ")");
        }
        Map<String, Map<String, String>> typed = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            Object region = row == null ? null : row.get(layout.regionNoun());
            if (region == null) {
                throw CasebookException.badInput("a %s without its code ('%s'): %s", layout.regionNoun(), layout.regionNoun(), expected);
            }
            Map<String, String> values = new LinkedHashMap<>();
            row.forEach((key, value) -> {
                if (!key.equals(layout.regionNoun())) {
                    String item = layout.items().stream().filter(known -> known.jsonName().equals(key) || known.name().equals(key))
                            .map(ReadItem::name).findFirst().orElse(key);
                    values.put(item, value == null ? "" : String.valueOf(value));
                }
            });
            if (typed.put(String.valueOf(region).strip().toUpperCase(java.util.Locale.ROOT), values) != null) {
                throw CasebookException.badInput("%s %s given twice: %s", layout.regionNoun(), region, expected);
            }
        }
        return typed;
    }

    private void requireOnWorklist(long studyId, String code, boolean adjudication, Authentication authentication)
    {
        if (!reading.isOnWorklist(studyId, code, authentication.getName(), adjudication, access.isAdjudicator(authentication, studyId))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "scan " + code + " is not on your worklist");
        }
    }

    static BlindedRead blinded(CtScoringSystem system, SavedRead read)
    {
        ReadLayout layout = system.layout();
        List<Map<String, Object>> rows = layout.regions().stream()
                .filter(region -> read.grid().values().containsKey(region.code()))
                .map(region -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put(layout.regionNoun(), region.code());
                    layout.items().forEach(item -> row.put(item.jsonName(), read.grid().find(region.code(), item.name()).orElse(null)));
                    return row;
                })
                .toList();
        return blinded(system, read.code(), read.adjudication(), read.version(), read.total(), rows);
    }

    private static BlindedRead blinded(CtScoringSystem system, String code, boolean adjudication, int version, double total, List<Map<String, Object>> rows)
    {
        boolean ichikado = system.layout().regionsKey().equals("zones");
        return new BlindedRead(code, adjudication, version, system.name(), total, ichikado ? rows : null, ichikado ? null : rows);
    }
}
