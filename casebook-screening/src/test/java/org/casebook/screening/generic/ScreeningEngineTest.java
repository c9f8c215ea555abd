package org.casebook.screening.generic;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.casebook.error.CasebookException;
import org.casebook.protocol.Protocols;
import org.casebook.screening.ScreeningEngine;
import org.casebook.yaml.YamlFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every protocol, the seed's included, screens on the generic engine, which reads the protocol's own never-counting statuses, .gz files, and strict mode. */
class ScreeningEngineTest
{
    @TempDir
    Path temp;

    static Path admissionProtocol()
    {
        try {
            return Path.of(ScreeningEngineTest.class.getResource("admission/protocol.yaml").toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyBuiltInProtocolScreens()
            throws IOException
    {
        Path extract = new Ndjson().add("Patient", Ndjson.patient("p1", "1960-01-01", "female", null)).write(temp.resolve("extract"));
        for (String name : org.casebook.protocol.Protocols.builtInNames()) {
            ScreeningEngine.Summary summary = ScreeningEngine.forProtocol(name, true).screen(extract, temp.resolve("out-" + name));
            assertThat(summary.patientsInExtract()).as(name).isEqualTo(1);
            assertThat(summary.included()).as(name).isZero();
            assertThat(summary.indexAdmission()).as(name).isEqualTo(Protocols.builtIn(name).eligibility().get(0).kind().equals("encounter"));
        }
        assertThat(ScreeningEngine.forProtocol(Protocols.SEED, true).screen(extract, temp.resolve("seed-again")).indexAdmission()).isTrue();
    }

    @Test
    void aProtocolWithTheSeedsFormerExtractionRulesIsALocatedMistakeNotAnotherEngine()
            throws IOException
    {
        Path protocol = copyAdmissionProtocol("extraction:\n  excluded_medication_statuses: [entered-in-error, cancelled]\n  ct:\n    modalities: [CT]\n");

        assertThatThrownBy(() -> ScreeningEngine.forProtocol(protocol.toString(), false))
                .isInstanceOf(YamlFormatException.class)
                .hasMessageContaining(protocol + " line " + (Files.readAllLines(protocol).indexOf("  ct:") + 1))
                .hasMessageContaining("key 'extraction.ct'")
                .hasMessageContaining("under 'extract'");
    }

    @Test
    void theGenericEngineTakesTheProtocolsNeverCountingStatusesFromItsExtractionBlock()
            throws IOException
    {
        // the admission protocol counts a draft request (its excluded_medication_statuses are entered-in-error and cancelled)
        Path extract = GenericAdmissionTest.replace("p", "ster", "MedicationRequest",
                Ndjson.request("ster-p", "p", GenericAdmissionTest.MPSL, "2024-05-11", "draft", "500", "mg")).write(temp.resolve("extract"));

        ScreeningEngine.Summary summary = ScreeningEngine.forProtocol(admissionProtocol().toString(), true).screen(extract, temp.resolve("out"));

        assertThat(summary.included()).isEqualTo(1);
    }

    @Test
    void anExtractionBlockWithOtherKeysIsAMistake()
            throws IOException
    {
        Path protocol = copyAdmissionProtocol("extraction:\n  excluded_medication_statuses: [entered-in-error, cancelled]\n  something_else: 1\n");

        assertThatThrownBy(() -> ScreeningEngine.forProtocol(protocol.toString(), false))
                .isInstanceOf(YamlFormatException.class).hasMessageContaining("something_else");
    }

    @Test
    void readsGzipFilesAndNamesATruncatedOne()
            throws IOException
    {
        Path extract = GenericAdmissionTest.eligible("p").write(temp.resolve("extract"));
        Path plain = extract.resolve("Encounter.ndjson");
        byte[] bytes;
        try (var buffer = new java.io.ByteArrayOutputStream(); OutputStream gzip = new GZIPOutputStream(buffer)) {
            gzip.write(Files.readAllBytes(plain));
            gzip.close();
            bytes = buffer.toByteArray();
        }
        Files.delete(plain);
        Files.write(extract.resolve("Encounter-1.ndjson.gz"), bytes);
        GenericScreening screening = new GenericScreening(GenericAdmissionTest.protocol(), null, null, true);

        assertThat(screening.screen(extract, temp.resolve("out")).included()).isEqualTo(1);

        Files.write(extract.resolve("Encounter-1.ndjson.gz"), java.util.Arrays.copyOf(bytes, bytes.length - 12));
        assertThatThrownBy(() -> screening.screen(extract, temp.resolve("out2")))
                .isInstanceOf(CasebookException.class).hasMessageContaining("Encounter-1.ndjson.gz: truncated or corrupt gzip file");
        assertThat(temp.resolve("out2")).doesNotExist();
    }

    @Test
    void strictStopsAtTheFirstUnusableLineAndWritesNothing()
            throws IOException
    {
        Path extract = GenericAdmissionTest.eligible("p").add("Condition", "{\"resourceType\":\"Condition\",\"id\":\"c9\"}").write(temp.resolve("extract"));

        assertThatThrownBy(() -> new GenericScreening(GenericAdmissionTest.protocol(), null, null, true).screen(extract, temp.resolve("out")))
                .isInstanceOf(CasebookException.class).hasMessageContaining("Condition.ndjson line 2: no subject");
        assertThat(temp.resolve("out")).doesNotExist();

        new GenericScreening(GenericAdmissionTest.protocol(), null, null, false).screen(extract, temp.resolve("lenient"));
        assertThat(Files.readAllLines(temp.resolve("lenient/skipped.csv"), StandardCharsets.UTF_8))
                .isEqualTo(List.of("file,line,reason,detail", "Condition.ndjson,2,no_subject,no subject reference to a Patient"));
    }

    private Path copyAdmissionProtocol(String extraction)
            throws IOException
    {
        Path source = admissionProtocol().getParent();
        Path target = temp.resolve("protocol");
        Files.createDirectories(target.resolve("codesets"));
        try (var files = Files.list(source.resolve("codesets"))) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve("codesets").resolve(file.getFileName().toString()));
            }
        }
        String text = Files.readString(admissionProtocol());
        int from = text.indexOf("extraction:");
        int to = text.indexOf("eligibility:");
        Files.writeString(target.resolve("protocol.yaml"), text.substring(0, from) + extraction + "\n" + text.substring(to));
        return target.resolve("protocol.yaml");
    }
}
