package org.casebook.store.ct;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.casebook.error.CasebookException;
import org.casebook.store.StudyDatabase;
import org.jdbi.v3.core.Handle;

import static java.util.Objects.requireNonNull;

/**
 * A reader's blinded worklist a page at a time, searched by part of the scan code, filtered to the
 * scans to read or read, in the worklist's random order or by code. The scans awaiting the
 * reader's adjudication (an adjudicator's; never a scan they read) come first: they are few and
 * hold up the study's results. The assigned scans are paged by the database, so a worklist of
 * thousands of scans costs one page's rows.
 */
public final class WorklistPages
{
    public static final List<String> FILTERS = List.of("all", "to-read", "read");
    public static final List<String> SORTS = List.of("worklist", "code");

    /** What to show: part of a code (any case), a filter of {@link #FILTERS}, a sort of {@link #SORTS}, the page (from 1) and its size. */
    public record Request(String search, String filter, String sort, int page, int size)
    {
        public Request
        {
            search = search == null ? "" : search.strip();
            filter = filter == null || filter.isBlank() ? "all" : filter;
            sort = sort == null || sort.isBlank() ? "worklist" : sort;
            if (!FILTERS.contains(filter)) {
                throw CasebookException.badInput("filter '%s': expected one of %s", filter, String.join(", ", FILTERS));
            }
            if (!SORTS.contains(sort)) {
                throw CasebookException.badInput("sort '%s': expected one of %s", sort, String.join(", ", SORTS));
            }
            if (page < 1) {
                throw CasebookException.badInput("page %d: expected 1 or more", page);
            }
            if (size < 1 || size > 100_000) {
                throw CasebookException.badInput("size %d: expected 1 to 100000", size);
            }
        }
    }

    /** How many scans the whole worklist has, read and to read (adjudications included). */
    public record Counts(int scans, int read, int toRead) {}

    /** One page; {@code matching} is how many scans the search and filter leave. */
    public record Page(List<WorklistItem> items, int matching, int page, int pages, int size, Counts counts)
    {
        public Page
        {
            items = List.copyOf(requireNonNull(items, "items is null"));
        }
    }

    private final StudyDatabase database;

    public WorklistPages(StudyDatabase database)
    {
        this.database = database;
    }

    public Page page(long studyId, String reader, boolean adjudicator, Request request)
    {
        return database.withHandle(handle -> {
            List<WorklistItem> adjudications = adjudicator ? adjudications(handle, studyId, reader) : List.of();
            List<WorklistItem> shownAdjudications = adjudications.stream().filter(item -> matches(item, request)).toList();
            Counts counts = counts(handle, studyId, reader, adjudications);
            int assignedMatching = countAssigned(handle, studyId, reader, request);
            int matching = shownAdjudications.size() + assignedMatching;
            int pages = Math.max(1, (matching + request.size() - 1) / request.size());
            int page = Math.min(request.page(), pages);
            long offset = (long) (page - 1) * request.size();
            List<WorklistItem> items = new ArrayList<>();
            for (long i = offset; i < shownAdjudications.size() && items.size() < request.size(); i++) {
                items.add(shownAdjudications.get((int) i));
            }
            long assignedOffset = Math.max(0, offset - shownAdjudications.size());
            if (items.size() < request.size()) {
                items.addAll(assigned(handle, studyId, reader, request, assignedOffset, request.size() - items.size()));
            }
            return new Page(items, matching, page, pages, request.size(), counts);
        });
    }

    private static boolean matches(WorklistItem item, Request request)
    {
        boolean status = switch (request.filter()) {
            case "to-read" -> !item.read();
            case "read" -> item.read();
            default -> true;
        };
        return status && item.code().toLowerCase(Locale.ROOT).contains(request.search().toLowerCase(Locale.ROOT));
    }

    /** The scans awaiting adjudication that this adjudicator did not read, by code. */
    private static List<WorklistItem> adjudications(Handle handle, long studyId, String reader)
    {
        List<WorklistItem> items = new ArrayList<>();
        for (long scanId : CtReading.scansNeedingAdjudication(handle, studyId)) {
            if (!CtReading.hasRead(handle, scanId, reader, false)) {
                items.add(handle.createQuery("SELECT s.code, (SELECT COUNT(*) FROM ct_reads r WHERE r.scan_id = s.id AND r.adjudication = 1) "
                                + "FROM ct_scans s WHERE s.id = :id")
                        .bind("id", scanId).map((rs, ctx) -> new WorklistItem(rs.getString(1), rs.getInt(2) > 0, true)).one());
            }
        }
        items.sort(java.util.Comparator.comparing(WorklistItem::code));
        return items;
    }

    private static Counts counts(Handle handle, long studyId, String reader, List<WorklistItem> adjudications)
    {
        int[] assigned = handle.createQuery("SELECT COUNT(*), COALESCE(SUM(CASE WHEN " + READ + " THEN 1 ELSE 0 END), 0) " + FROM + " WHERE s.study_id = :s AND a.reader = :r")
                .bind("s", studyId).bind("r", reader).map((rs, ctx) -> new int[] {rs.getInt(1), rs.getInt(2)}).one();
        int adjudicated = (int) adjudications.stream().filter(WorklistItem::read).count();
        int scans = assigned[0] + adjudications.size();
        int read = assigned[1] + adjudicated;
        return new Counts(scans, read, scans - read);
    }

    private static final String FROM = "FROM reader_assignments a JOIN ct_scans s ON s.id = a.scan_id";
    /** Whether the reader saved a read of the scan (ct_reads' unique index on scan, reader and adjudication answers it). */
    private static final String READ = "EXISTS (SELECT 1 FROM ct_reads r WHERE r.scan_id = s.id AND r.reader = a.reader AND r.adjudication = 0)";

    private static int countAssigned(Handle handle, long studyId, String reader, Request request)
    {
        var query = handle.createQuery("SELECT COUNT(*) " + FROM + where(request));
        bind(query, studyId, reader, request);
        return query.mapTo(Integer.class).one();
    }

    private static List<WorklistItem> assigned(Handle handle, long studyId, String reader, Request request, long offset, int limit)
    {
        String order = request.sort().equals("code") ? " ORDER BY s.code" : " ORDER BY a.position";
        var query = handle.createQuery("SELECT s.code, CASE WHEN " + READ + " THEN 1 ELSE 0 END " + FROM + where(request) + order + " LIMIT :limit OFFSET :offset")
                .bind("limit", limit).bind("offset", offset);
        bind(query, studyId, reader, request);
        return query.map((rs, ctx) -> new WorklistItem(rs.getString(1), rs.getInt(2) > 0, false)).list();
    }

    private static String where(Request request)
    {
        StringBuilder where = new StringBuilder(" WHERE s.study_id = :s AND a.reader = :r");
        if (!request.search().isEmpty()) {
            // '!' escapes the wildcards, as in ScanList
            where.append(" AND LOWER(s.code) LIKE :like ESCAPE '!'");
        }
        switch (request.filter()) {
            case "to-read" -> where.append(" AND NOT ").append(READ);
            case "read" -> where.append(" AND ").append(READ);
            default -> { }
        }
        return where.toString();
    }

    private static void bind(org.jdbi.v3.core.statement.Query query, long studyId, String reader, Request request)
    {
        query.bind("s", studyId).bind("r", reader);
        if (!request.search().isEmpty()) {
            String text = request.search().toLowerCase(Locale.ROOT);
            query.bind("like", "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
    }
}
