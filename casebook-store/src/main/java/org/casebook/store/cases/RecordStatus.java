package org.casebook.store.cases;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.TimePoint;
import org.casebook.protocol.VariableSpec;
import org.casebook.schema.CaseField;
import org.casebook.store.StudyDatabase;

/**
 * The record status dashboard of a study (as REDCap's): each case's status and, per section of
 * the form (the protocol's case-field sections, then each time point in protocol order), whether
 * it is complete, incomplete or empty and whether a data query on it is not closed.
 *
 * <p>A case is <em>complete</em> when every required case field has a value, <em>incomplete</em>
 * otherwise; it <em>has open queries</em> when a query on one of its values is not closed; and it
 * may be <em>locked</em>. A section is complete when it has a value and none of its required
 * fields is missing, incomplete when a required field is missing, empty when it has no value. A
 * time point has no required values, so it is complete once a value is recorded.
 *
 * <p>Built to stay fast with thousands of cases: the status of every case (for the counts,
 * filters and sorting) comes from one aggregate query; the per-section cells are read only for
 * the page of cases shown.
 */
public final class RecordStatus
{
    public static final String COMPLETE = "complete";
    public static final String INCOMPLETE = "incomplete";
    public static final String EMPTY = "empty";
    public static final String QUERIES = "queries";
    public static final String LOCKED = "locked";
    /** The filters: every case, or those of one status ({@code unlocked}: every case not locked). */
    public static final List<String> FILTERS = List.of("all", COMPLETE, INCOMPLETE, QUERIES, LOCKED, "unlocked");
    public static final List<String> SORTS = List.of("patient", "-patient", "status", "-status", "version", "-version");
    public static final int MAX_PAGE_SIZE = 100_000;

    /** A section of the form: its case fields or a time point's variables, by their value names ({@code age}, {@code onset.pao2}). */
    public record Section(String name, String label, List<String> fields, Set<String> required) {}

    /** A case's section: its status, how many of its values are filled, the labels of the required ones missing, and its queries not closed. */
    public record Cell(String section, String status, int filled, int total, List<String> missing, int queries) {}

    /** One case: its status ({@code locked}, {@code queries}, {@code complete}, {@code incomplete}) and, when asked for, its cells. */
    public record Row(long caseId, String patientId, int version, boolean locked, boolean complete, int queries, String status, List<Cell> cells) {}

    /** How many of the study's cases are in each status (a locked case with an open query counts in both). */
    public record Counts(int cases, int complete, int incomplete, int withQueries, int locked) {}

    /** One page of the (filtered, sorted) cases; {@code matching} is how many cases the filter and search leave. */
    public record Page(List<Section> sections, List<Row> rows, int matching, int page, int pages, int size, Counts counts) {}

    /** What to show: search in patient ids (any case), a filter of {@link #FILTERS}, a sort of {@link #SORTS}, the page (from 1) and its size. */
    public record Request(String search, String filter, String sort, int page, int size)
    {
        public Request
        {
            search = search == null ? "" : search.strip();
            filter = filter == null || filter.isBlank() ? "all" : filter;
            sort = sort == null || sort.isBlank() ? "patient" : sort;
            if (!FILTERS.contains(filter)) {
                throw org.casebook.error.CasebookException.badInput("filter '%s': expected one of %s", filter, String.join(", ", FILTERS));
            }
            if (!SORTS.contains(sort)) {
                throw org.casebook.error.CasebookException.badInput("sort '%s': expected one of %s", sort, String.join(", ", SORTS));
            }
            if (page < 1) {
                throw org.casebook.error.CasebookException.badInput("page %d: expected 1 or more", page);
            }
            if (size < 1 || size > MAX_PAGE_SIZE) {
                throw org.casebook.error.CasebookException.badInput("size %d: expected 1 to %d", size, MAX_PAGE_SIZE);
            }
        }
    }

    private final StudyDatabase database;
    private final DataQueries queries;

    public RecordStatus(StudyDatabase database)
    {
        this.database = database;
        this.queries = new DataQueries(database);
    }

    /** The form's sections: case fields by their protocol {@code section} (in order of first use; "Case" for none), then each time point. */
    public static List<Section> sections(StudyProtocol protocol)
    {
        Map<String, List<CaseField>> bySection = new LinkedHashMap<>();
        for (CaseField field : protocol.caseSchema().fields()) {
            bySection.computeIfAbsent(field.section() == null ? "Case" : field.section(), name -> new ArrayList<>()).add(field);
        }
        List<Section> sections = new ArrayList<>();
        bySection.forEach((name, fields) -> sections.add(new Section(name, name, fields.stream().map(CaseField::name).toList(),
                fields.stream().filter(CaseField::required).map(CaseField::name).collect(java.util.stream.Collectors.toUnmodifiableSet()))));
        for (TimePoint timepoint : protocol.timepoints()) {
            sections.add(new Section(timepoint.name(), timepoint.label(),
                    protocol.variables().stream().map(VariableSpec::name).map(variable -> timepoint.name() + "." + variable).toList(), Set.of()));
        }
        return List.copyOf(sections);
    }

    /** The section holding the value {@code field} ({@code age}, {@code onset.pao2}), or null. */
    public static Section sectionOf(List<Section> sections, String field)
    {
        return sections.stream().filter(section -> section.fields().contains(field)).findFirst().orElse(null);
    }

    public Page page(long studyId, StudyProtocol protocol, Request request, boolean withCells)
    {
        List<Section> sections = sections(protocol);
        List<String> required = protocol.caseSchema().fields().stream().filter(CaseField::required).map(CaseField::name).toList();
        Map<Long, List<String>> open = queries.unresolvedFields(studyId);
        List<Row> all = database.withHandle(handle -> {
            String requiredCount = required.isEmpty() ? "0"
                    : "(SELECT COUNT(*) FROM case_values v WHERE v.case_id = c.id AND v.timepoint = '' AND v.variable IN (<required>))";
            var query = handle.createQuery("SELECT c.id, c.patient_id, c.version, c.locked, " + requiredCount + " FROM cases c WHERE c.study_id = :s");
            query.bind("s", studyId);
            if (!required.isEmpty()) {
                query.bindList("required", required);
            }
            return query.map((rs, ctx) -> {
                long id = rs.getLong(1);
                boolean locked = rs.getInt(4) == 1;
                boolean complete = rs.getInt(5) == required.size();
                int queryCount = open.getOrDefault(id, List.of()).size();
                String status = locked ? LOCKED : queryCount > 0 ? QUERIES : complete ? COMPLETE : INCOMPLETE;
                return new Row(id, rs.getString(2), rs.getInt(3), locked, complete, queryCount, status, List.of());
            }).list();
        });
        Counts counts = new Counts(all.size(), (int) all.stream().filter(Row::complete).count(), (int) all.stream().filter(row -> !row.complete()).count(),
                (int) all.stream().filter(row -> row.queries() > 0).count(), (int) all.stream().filter(Row::locked).count());
        String search = request.search().toLowerCase(Locale.ROOT);
        List<Row> matching = all.stream()
                .filter(row -> search.isEmpty() || row.patientId().toLowerCase(Locale.ROOT).contains(search))
                .filter(row -> switch (request.filter()) {
                    case COMPLETE -> row.complete();
                    case INCOMPLETE -> !row.complete();
                    case QUERIES -> row.queries() > 0;
                    case LOCKED -> row.locked();
                    case "unlocked" -> !row.locked();
                    default -> true;
                })
                .sorted(comparator(request.sort()))
                .toList();
        int pages = Math.max(1, (matching.size() + request.size() - 1) / request.size());
        int page = Math.min(request.page(), pages);
        List<Row> shown = matching.subList(Math.min(matching.size(), (page - 1) * request.size()), Math.min(matching.size(), page * request.size()));
        if (withCells) {
            shown = withCells(shown, sections, protocol, open);
        }
        return new Page(sections, List.copyOf(shown), matching.size(), page, pages, request.size(), counts);
    }

    private static Comparator<Row> comparator(String sort)
    {
        Comparator<Row> byPatient = Comparator.comparing(Row::patientId, RecordStatus::naturalOrder);
        Comparator<Row> comparator = switch (sort.replace("-", "")) {
            case "status" -> Comparator.comparing((Row row) -> List.of(INCOMPLETE, QUERIES, COMPLETE, LOCKED).indexOf(row.status())).thenComparing(byPatient);
            case "version" -> Comparator.comparingInt(Row::version).thenComparing(byPatient);
            default -> byPatient;
        };
        return sort.startsWith("-") ? comparator.reversed() : comparator;
    }

    /** P2 before P10: runs of digits compare as numbers. */
    static int naturalOrder(String a, String b)
    {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int endI = i;
                int endJ = j;
                while (endI < a.length() && Character.isDigit(a.charAt(endI))) {
                    endI++;
                }
                while (endJ < b.length() && Character.isDigit(b.charAt(endJ))) {
                    endJ++;
                }
                // leading zeros do not count (P007 is P7); then the longer run is the larger number, else the first differing digit decides
                int startI = i;
                int startJ = j;
                while (startI < endI - 1 && a.charAt(startI) == '0') {
                    startI++;
                }
                while (startJ < endJ - 1 && b.charAt(startJ) == '0') {
                    startJ++;
                }
                int compared = Integer.compare(endI - startI, endJ - startJ);
                for (int k = 0; compared == 0 && k < endI - startI; k++) {
                    compared = Character.compare(a.charAt(startI + k), b.charAt(startJ + k));
                }
                if (compared != 0) {
                    return compared;
                }
                i = endI;
                j = endJ;
            }
            else {
                int compared = Character.compare(Character.toLowerCase(x), Character.toLowerCase(y));
                if (compared != 0) {
                    return compared;
                }
                i++;
                j++;
            }
        }
        int compared = Integer.compare(a.length() - i, b.length() - j);
        return compared != 0 ? compared : a.compareTo(b);
    }

    private List<Row> withCells(List<Row> rows, List<Section> sections, StudyProtocol protocol, Map<Long, List<String>> open)
    {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, Set<String>> filled = new HashMap<>();
        database.withHandle(handle -> handle.createQuery("SELECT case_id, timepoint, variable FROM case_values WHERE case_id IN (<ids>)")
                .bindList("ids", rows.stream().map(Row::caseId).toList())
                .map((rs, ctx) -> {
                    String timepoint = rs.getString(2);
                    return filled.computeIfAbsent(rs.getLong(1), id -> new HashSet<>()).add(timepoint.isEmpty() ? rs.getString(3) : timepoint + "." + rs.getString(3));
                })
                .list());
        Map<String, String> labels = new HashMap<>();
        protocol.caseSchema().fields().forEach(field -> labels.put(field.name(), field.label()));
        List<Row> result = new ArrayList<>();
        for (Row row : rows) {
            Set<String> values = filled.getOrDefault(row.caseId(), Set.of());
            List<String> queried = open.getOrDefault(row.caseId(), List.of());
            List<Cell> cells = new ArrayList<>();
            for (Section section : sections) {
                int count = (int) section.fields().stream().filter(values::contains).count();
                List<String> missing = section.fields().stream().filter(section.required()::contains).filter(field -> !values.contains(field))
                        .map(field -> labels.getOrDefault(field, field)).toList();
                int sectionQueries = (int) queried.stream().filter(section.fields()::contains).count();
                String status = !missing.isEmpty() ? INCOMPLETE : count == 0 ? EMPTY : COMPLETE;
                cells.add(new Cell(section.name(), status, count, section.fields().size(), missing, sectionQueries));
            }
            result.add(new Row(row.caseId(), row.patientId(), row.version(), row.locked(), row.complete(), row.queries(), row.status(), List.copyOf(cells)));
        }
        return result;
    }
}
