package org.casebook.web.study;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import org.casebook.error.CasebookException;
import org.casebook.store.study.Studies;
import org.casebook.store.study.Study;
import org.casebook.store.study.StudyProtocolStore;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Creates a study from an uploaded protocol: one {@code protocol.yaml} (when it names no code
 * sets), or a .zip of the protocol's folder ({@code protocol.yaml} and the code-set files it names,
 * at the zip's top or inside one folder). The protocol is checked as {@code casebook protocol check}
 * checks it ({@link StudyProtocolStore#read}); a mistake is reported with file, line and key
 * ({@link org.casebook.yaml.YamlFormatException}) and no study is created. Nothing is written to disk.
 */
@Service
public class ProtocolUpload
{
    static final int MAX_ENTRIES = 500;
    static final long MAX_UNPACKED_BYTES = 8L * 1024 * 1024;

    private final Studies studies;

    public ProtocolUpload(Studies studies)
    {
        this.studies = studies;
    }

    /**
     * @throws org.casebook.yaml.YamlFormatException for a mistake in the protocol or a code set (file, line, key)
     * @throws CasebookException when the upload is not a protocol file or zip, or the name is blank or taken
     */
    public Study create(String name, MultipartFile file, java.util.OptionalDouble adjudicationThreshold, String actor)
    {
        return studies.createFromProtocolFiles(name, files(file), adjudicationThreshold, actor);
    }

    /** The upload's files by path relative to its protocol.yaml. */
    static Map<String, String> files(MultipartFile file)
    {
        if (file == null || file.isEmpty()) {
            throw CasebookException.badInput("choose a protocol file: protocol.yaml, or a .zip of the protocol's folder with its code sets");
        }
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase(Locale.ROOT);
        try (InputStream in = file.getInputStream()) {
            if (name.endsWith(".zip")) {
                return unzip(in);
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return Map.of(StudyProtocolStore.PROTOCOL_FILE, text(name, in.readNBytes((int) MAX_UNPACKED_BYTES + 1)));
            }
            throw CasebookException.badInput("'%s' is not a protocol: upload protocol.yaml, or a .zip of the protocol's folder with its code sets",
                    file.getOriginalFilename());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> unzip(InputStream zip)
            throws IOException
    {
        Map<String, String> entries = new LinkedHashMap<>();
        int count = 0;
        long unpacked = 0;
        try (ZipInputStream in = new ZipInputStream(zip, StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++count > MAX_ENTRIES) {
                    throw CasebookException.badInput("the zip has more than %d entries: not a protocol folder", MAX_ENTRIES);
                }
                String path = entry.getName().replace('\\', '/');
                if (path.startsWith("/") || path.contains(":") || Set.of(path.split("/")).contains("..")) {
                    throw CasebookException.badInput("the zip entry '%s' points outside its folder: refused", entry.getName());
                }
                if (entry.isDirectory() || path.startsWith("__MACOSX/") || path.startsWith(".") || path.contains("/.")) {
                    continue;
                }
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_UNPACKED_BYTES - unpacked + 1));
                unpacked += bytes.length;
                if (unpacked > MAX_UNPACKED_BYTES) {
                    throw CasebookException.badInput("the zip unpacks to more than %d MB: not a protocol folder", MAX_UNPACKED_BYTES / 1024 / 1024);
                }
                entries.put(path, text(path, bytes));
            }
        }
        catch (ZipException | IllegalArgumentException e) {
            throw CasebookException.badInput("the upload is not a readable .zip file: %s", e.getMessage());
        }
        return relativeToProtocol(entries);
    }

    /** Paths relative to protocol.yaml: the zip's top, or its one folder holding protocol.yaml. */
    private static Map<String, String> relativeToProtocol(Map<String, String> entries)
    {
        if (entries.containsKey(StudyProtocolStore.PROTOCOL_FILE)) {
            return entries;
        }
        TreeSet<String> folders = new TreeSet<>();
        entries.keySet().stream().filter(path -> path.endsWith("/" + StudyProtocolStore.PROTOCOL_FILE) && path.indexOf('/') == path.lastIndexOf('/'))
                .forEach(path -> folders.add(path.substring(0, path.indexOf('/') + 1)));
        if (folders.size() != 1) {
            throw CasebookException.badInput("the zip holds no protocol.yaml at its top or in one folder (entries: %s)",
                    new TreeSet<>(entries.keySet()).stream().limit(20).toList());
        }
        String prefix = folders.first();
        Map<String, String> files = new LinkedHashMap<>();
        entries.forEach((path, text) -> {
            if (path.startsWith(prefix)) {
                files.put(path.substring(prefix.length()), text);
            }
        });
        return files;
    }

    private static String text(String path, byte[] bytes)
    {
        if (bytes.length > MAX_UNPACKED_BYTES) {
            throw CasebookException.badInput("%s is larger than %d MB: not a protocol file", path, MAX_UNPACKED_BYTES / 1024 / 1024);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        }
        catch (CharacterCodingException e) {
            throw CasebookException.badInput("%s is not UTF-8 text: not a protocol file", path);
        }
    }
}
