package org.casebook.store.study;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.casebook.error.CasebookException;
import org.casebook.protocol.ProtocolReader;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.schema.CaseField;
import org.casebook.schema.FieldKind;
import org.casebook.store.NotFoundException;
import org.casebook.store.StudyDatabase;
import org.jdbi.v3.core.Handle;

/**
 * The protocol each study follows: a built-in protocol by name, or the protocol files the study
 * was created from (stored with it, migration V7), read by the same {@link ProtocolReader} as
 * {@code casebook protocol check}. A study's protocol never changes, so each is read once.
 */
public final class StudyProtocolStore
{
    /** The protocol file of an upload, at its top or inside one folder. */
    public static final String PROTOCOL_FILE = "protocol.yaml";
    /** case_values.value and the audit trail's values are VARCHAR(1000) (migration V1). */
    public static final int MAX_TEXT_LENGTH = 1000;

    private final StudyDatabase database;
    private final Map<Long, StudyProtocol> protocols = new ConcurrentHashMap<>();

    public StudyProtocolStore(StudyDatabase database)
    {
        this.database = database;
    }

    /** @throws NotFoundException when there is no such study */
    public StudyProtocol protocol(long studyId)
    {
        StudyProtocol known = protocols.get(studyId);
        return known != null ? known : database.withHandle(handle -> protocol(handle, studyId));
    }

    /** The study's protocol, read on {@code handle} (inside the caller's transaction) the first time. */
    public StudyProtocol protocol(Handle handle, long studyId)
    {
        StudyProtocol known = protocols.get(studyId);
        if (known != null) {
            return known;
        }
        Study study = Studies.find(handle, studyId).orElseThrow(() -> new NotFoundException("study " + studyId));
        Map<String, String> files = files(handle, studyId);
        // A stored protocol was checked when the study was created and never changes: it is read as accepted then.
        StudyProtocol protocol = files.isEmpty() ? Protocols.load(study.protocol()) : read(files, new LinkedHashMap<>(), true);
        protocols.put(studyId, protocol);
        return protocol;
    }

    /** The files a study was created from (path → text), empty for a study on a built-in protocol. */
    public static Map<String, String> files(Handle handle, long studyId)
    {
        Map<String, String> files = new TreeMap<>();
        handle.createQuery("SELECT path, content FROM study_protocol_files WHERE study_id = :s")
                .bind("s", studyId)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(entry -> files.put(entry.getKey(), entry.getValue()));
        return files;
    }

    /**
     * Reads and checks a protocol from its files ({@value #PROTOCOL_FILE} and the code-set files
     * it names, by path relative to it) as {@code casebook protocol check} does, and that the
     * store can hold its case fields.
     *
     * @throws org.casebook.yaml.YamlFormatException naming file, line and key of the first mistake
     * @throws CasebookException when there is no protocol.yaml, or a text field is longer than the store keeps
     */
    public static StudyProtocol read(Map<String, String> files)
    {
        return read(files, new LinkedHashMap<>());
    }

    /** As {@link #read(Map)}, putting into {@code used} the files the protocol reads (protocol.yaml first). */
    public static StudyProtocol read(Map<String, String> files, Map<String, String> used)
    {
        return read(files, used, false);
    }

    /** @param stored a study's stored files, read as they were accepted ({@link ProtocolReader#readAccepted}) */
    private static StudyProtocol read(Map<String, String> files, Map<String, String> used, boolean stored)
    {
        String text = files.get(PROTOCOL_FILE);
        if (text == null) {
            throw CasebookException.badInput("no %s in the upload (files: %s)", PROTOCOL_FILE, new TreeMap<>(files).keySet());
        }
        used.put(PROTOCOL_FILE, text);
        ProtocolReader reader = new ProtocolReader(PROTOCOL_FILE, path -> {
            String codeSet = files.get(normalize(path));
            if (codeSet == null) {
                throw new IllegalArgumentException("not in the upload, which holds " + new TreeMap<>(files).keySet());
            }
            used.put(normalize(path), codeSet);
            return codeSet;
        });
        StudyProtocol protocol = stored ? reader.readAccepted(text) : reader.read(text);
        for (CaseField field : protocol.caseSchema().fields()) {
            if (field.kind() == FieldKind.TEXT && field.maxLength() > MAX_TEXT_LENGTH) {
                throw CasebookException.badInput("%s: case field '%s' has max_length %d; the study database keeps at most %d characters",
                        PROTOCOL_FILE, field.name(), field.maxLength(), MAX_TEXT_LENGTH);
            }
        }
        return protocol;
    }

    /** {@code codesets/./x.yaml} → {@code codesets/x.yaml}; a path leaving the protocol's folder is kept as written (and not found). */
    public static String normalize(String path)
    {
        String slashes = path.replace('\\', '/');
        Path normal = Path.of(slashes).normalize();
        return normal.toString().replace('\\', '/');
    }

    static void insert(Handle handle, long studyId, Map<String, String> files)
    {
        for (Map.Entry<String, String> file : new LinkedHashMap<>(files).entrySet()) {
            handle.createUpdate("INSERT INTO study_protocol_files (study_id, path, content) VALUES (:s, :p, :c)")
                    .bind("s", studyId).bind("p", file.getKey()).bind("c", file.getValue())
                    .execute();
        }
    }
}
