package org.casebook.web.study;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.casebook.error.CasebookException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading an uploaded protocol into its files by path relative to protocol.yaml, in memory. */
class ProtocolUploadTest
{
    private static MockMultipartFile zip(Map<String, String> entries)
            throws IOException
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return new MockMultipartFile("protocolFile", "my-study.zip", "application/zip", bytes.toByteArray());
    }

    @Test
    void aZippedFolderGivesPathsRelativeToItsProtocolSkippingHiddenFiles()
            throws IOException
    {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("my-study/protocol.yaml", "id: x");
        entries.put("my-study/codesets/drugs.yaml", "id: drugs");
        entries.put("my-study/.DS_Store", "junk");
        entries.put("__MACOSX/my-study/._protocol.yaml", "junk");
        assertThat(ProtocolUpload.files(zip(entries))).containsOnlyKeys("protocol.yaml", "codesets/drugs.yaml");
        assertThat(ProtocolUpload.files(zip(Map.of("protocol.yaml", "id: x", "codesets/a.yaml", "id: a"))))
                .containsOnlyKeys("protocol.yaml", "codesets/a.yaml");
    }

    @Test
    void aLoneYamlIsTheProtocolAndAnythingElseIsRefused()
            throws IOException
    {
        assertThat(ProtocolUpload.files(new MockMultipartFile("protocolFile", "study.yml", "text/yaml", "id: x".getBytes())))
                .containsExactly(Map.entry("protocol.yaml", "id: x"));
        assertThatThrownBy(() -> ProtocolUpload.files(zip(Map.of("../protocol.yaml", "id: x")))).isInstanceOf(CasebookException.class)
                .hasMessageContaining("points outside its folder");
        assertThatThrownBy(() -> ProtocolUpload.files(zip(Map.of("a/protocol.yaml", "x", "b/protocol.yaml", "y")))).hasMessageContaining("no protocol.yaml");
        assertThatThrownBy(() -> ProtocolUpload.files(new MockMultipartFile("protocolFile", "cases.csv", "text/csv", "a,b".getBytes())))
                .hasMessageContaining("not a protocol");
        assertThatThrownBy(() -> ProtocolUpload.files(new MockMultipartFile("protocolFile", "p.zip", "application/zip", "not a zip".getBytes())))
                .isInstanceOf(CasebookException.class);
        assertThatThrownBy(() -> ProtocolUpload.files(new MockMultipartFile("protocolFile", "p.yaml", "text/yaml", new byte[] {(byte) 0xff, (byte) 0xfe})))
                .hasMessageContaining("not UTF-8");
    }
}
