package org.casebook.store.study;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.casebook.ctscore.CtScoringSystem;
import org.casebook.error.CasebookException;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.store.AuditTrail;
import org.casebook.store.NotFoundException;
import org.casebook.store.StudyDatabase;
import org.jdbi.v3.core.Handle;

/** The studies of this site. */
public final class Studies
{
    private final StudyDatabase database;
    private final AuditTrail audit;

    public Studies(StudyDatabase database)
    {
        this.database = database;
        this.audit = new AuditTrail(database);
    }

    /** @throws CasebookException when the name is blank or taken, or the threshold is not positive or not below the score's range */
    public Study create(String name, String protocol, double adjudicationThreshold, String actor)
    {
        return create(name, protocol, OptionalDouble.of(adjudicationThreshold), actor);
    }

    /**
     * Creates a study on a built-in protocol; without a threshold, the protocol's
     * ({@code ct_score.adjudication_threshold}).
     *
     * @throws CasebookException when the name is blank or taken, or the threshold is not positive or not below the score's range
     */
    public Study create(String name, String protocol, OptionalDouble adjudicationThreshold, String actor)
    {
        return create(name, protocol, threshold(Protocols.builtIn(protocol), adjudicationThreshold), actor, Map.of(), null);
    }

    /**
     * The threshold given, else the protocol's; it must be positive and below the range of the
     * protocol's CT score, or no two reads could ever differ by more (a Kazerooni score runs 0–10).
     */
    private static double threshold(StudyProtocol protocol, OptionalDouble given)
    {
        double threshold = given.orElse(protocol.ctScoring().adjudicationThreshold());
        if (!(threshold > 0)) {
            throw CasebookException.badInput("adjudication threshold must be positive, was %s", threshold);
        }
        CtScoringSystem system = CtScoringSystem.forName(protocol.ctScoring().system());
        double range = system.maxTotal() - system.minTotal();
        if (threshold >= range) {
            throw CasebookException.badInput("adjudication threshold %s points: the protocol scores CTs with the %s (%s–%s), so two reads "
                    + "never differ by %s or more and no scan would be adjudicated; the protocol's own threshold is %s",
                    number(threshold), system.label(), number(system.minTotal()), number(system.maxTotal()), number(range),
                    number(protocol.ctScoring().adjudicationThreshold()));
        }
        return threshold;
    }

    private static String number(double value)
    {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private Study create(String name, String protocol, double adjudicationThreshold, String actor, Map<String, String> protocolFiles, String note)
    {
        if (name == null || name.isBlank()) {
            throw CasebookException.badInput("a study needs a name");
        }
        return database.inTransaction(handle -> {
            if (handle.createQuery("SELECT COUNT(*) FROM studies WHERE name = :n").bind("n", name).mapTo(Integer.class).one() > 0) {
                throw CasebookException.badInput("study '%s' already exists", name);
            }
            long id = handle.createQuery("INSERT INTO studies (name, protocol, adjudication_threshold, created_at) VALUES (:n, :p, :t, :at) RETURNING id")
                    .bind("n", name.strip()).bind("p", protocol).bind("t", adjudicationThreshold)
                    .bind("at", Instant.now(database.clock()).toString())
                    .mapTo(Long.class).one();
            StudyProtocolStore.insert(handle, id, protocolFiles);
            audit.append(handle, new AuditTrail.Change(actor, id, "study", id, null, "created", null,
                    name + " (" + protocol + (note == null ? "" : ", " + note) + ")", null));
            return new Study(id, name.strip(), protocol, adjudicationThreshold);
        });
    }

    /**
     * Creates a study from an uploaded protocol (protocol.yaml and its code-set files, by path
     * relative to it), checked as {@code casebook protocol check} checks it; the files the
     * protocol reads are stored with the study ({@link StudyProtocolStore}).
     *
     * @throws org.casebook.yaml.YamlFormatException naming file, line and key of a mistake in the protocol
     * @throws CasebookException when the name is blank or taken, or the threshold is not positive
     */
    public Study createFromProtocolFiles(String name, Map<String, String> files, double adjudicationThreshold, String actor)
    {
        return createFromProtocolFiles(name, files, OptionalDouble.of(adjudicationThreshold), actor);
    }

    /** As {@link #createFromProtocolFiles(String, Map, double, String)}; without a threshold, the protocol's. */
    public Study createFromProtocolFiles(String name, Map<String, String> files, OptionalDouble adjudicationThreshold, String actor)
    {
        Map<String, String> used = new LinkedHashMap<>();
        StudyProtocol protocol = StudyProtocolStore.read(files, used);
        return create(name, protocol.id(), threshold(protocol, adjudicationThreshold), actor, used, "uploaded, sha256 " + protocol.sha256());
    }

    /** Whether the study's readers may open a scan's PACS accession number (on explicit action); on by default. */
    public boolean readersSeeAccession(long studyId)
    {
        return database.withHandle(handle -> readersSeeAccession(handle, studyId));
    }

    public static boolean readersSeeAccession(Handle handle, long studyId)
    {
        return handle.createQuery("SELECT readers_see_accession FROM studies WHERE id = :id").bind("id", studyId)
                .mapTo(Integer.class).findOne().orElseThrow(() -> new NotFoundException("study " + studyId)) == 1;
    }

    /** Lets the study's readers open accession numbers, or hides them entirely; audited. */
    public void setReadersSeeAccession(long studyId, boolean visible, String actor)
    {
        database.inTransaction(handle -> {
            boolean old = readersSeeAccession(handle, studyId);
            if (old != visible) {
                handle.createUpdate("UPDATE studies SET readers_see_accession = :v WHERE id = :id").bind("v", visible ? 1 : 0).bind("id", studyId).execute();
                audit.append(handle, new AuditTrail.Change(actor, studyId, "study", studyId, null, "readers_see_accession",
                        old ? "yes" : "no", visible ? "yes" : "no", null));
            }
            return null;
        });
    }

    public Optional<Study> find(long id)
    {
        return database.withHandle(handle -> find(handle, id));
    }

    public static Optional<Study> find(Handle handle, long id)
    {
        return handle.createQuery("SELECT id, name, protocol, adjudication_threshold FROM studies WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Study(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4)))
                .findOne();
    }

    public List<Study> list()
    {
        return database.withHandle(handle -> handle.createQuery("SELECT id, name, protocol, adjudication_threshold FROM studies ORDER BY name")
                .map((rs, ctx) -> new Study(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4)))
                .list());
    }
}
