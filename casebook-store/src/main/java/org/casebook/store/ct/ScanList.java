package org.casebook.store.ct;

import java.util.List;
import java.util.Locale;

import org.casebook.store.StudyDatabase;

/**
 * The investigator's list of a study's CT scans, a page at a time, found by part of the code, the
 * patient id or the PACS accession (any case): the database pages, so a study of thousands of
 * scans costs one page's rows.
 */
public final class ScanList
{
    /** One page of scans and how many match. */
    public record Page(List<CtScan> scans, int matching) {}

    private final StudyDatabase database;

    public ScanList(StudyDatabase database)
    {
        this.database = database;
    }

    /** Scans {@code offset} to {@code offset + limit} of those matching {@code search}, by patient id and time point. */
    public Page page(long studyId, String search, int offset, int limit)
    {
        String text = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        // '!' escapes the wildcards (a backslash would be read as escaping the SQL literal's quote by the statement parser)
        String like = "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        String where = " WHERE s.study_id = :s" + (text.isEmpty() ? ""
                : " AND (LOWER(s.code) LIKE :like ESCAPE '!' OR LOWER(c.patient_id) LIKE :like ESCAPE '!' OR LOWER(COALESCE(s.accession, '')) LIKE :like ESCAPE '!')");
        return database.withHandle(handle -> {
            var count = handle.createQuery("SELECT COUNT(*) FROM ct_scans s JOIN cases c ON c.id = s.case_id" + where).bind("s", studyId);
            var rows = handle.createQuery("SELECT s.id, s.study_id, s.case_id, c.patient_id, s.timepoint, s.scan_date, s.code, s.accession "
                    + "FROM ct_scans s JOIN cases c ON c.id = s.case_id" + where + " ORDER BY c.patient_id, s.timepoint, s.id LIMIT :limit OFFSET :offset")
                    .bind("s", studyId).bind("limit", limit).bind("offset", offset);
            if (!text.isEmpty()) {
                count.bind("like", like);
                rows.bind("like", like);
            }
            int matching = count.mapTo(Integer.class).one();
            List<CtScan> scans = rows.map((rs, ctx) -> new CtScan(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), rs.getString(8))).list();
            return new Page(scans, matching);
        });
    }

    /** The scans of one case, by time point. */
    public List<CtScan> forCase(long studyId, long caseId)
    {
        return database.withHandle(handle -> handle.createQuery("SELECT s.id, s.study_id, s.case_id, c.patient_id, s.timepoint, s.scan_date, s.code, "
                        + "s.accession FROM ct_scans s JOIN cases c ON c.id = s.case_id WHERE s.study_id = :s AND s.case_id = :c ORDER BY s.timepoint, s.id")
                .bind("s", studyId).bind("c", caseId)
                .map((rs, ctx) -> new CtScan(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8)))
                .list());
    }
}
