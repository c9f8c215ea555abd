package org.casebook.report;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ProvenanceTest
{
    @TempDir
    Path directory;

    @Test
    void folderHashIsTheHashOfSha256sumOutputOverTheCsvFilesSortedByName()
            throws Exception
    {
        Files.writeString(directory.resolve("measurements.csv"), "patient_id\nA\n");
        Files.writeString(directory.resolve("cases.csv"), "patient_id,admission_date\nA,2024-03-01\n");
        Files.writeString(directory.resolve("notes.txt"), "not part of the workbook");
        // cd DIR && sha256sum cases.csv measurements.csv | sha256sum
        //   (sha256sum prints "<hash>  <name>" per file; coreutils 9.1)
        String hash = Provenance.inputSha256(directory);
        assertThat(hash).isEqualTo(expected(directory));
        Files.writeString(directory.resolve("notes.txt"), "changed");
        assertThat(Provenance.inputSha256(directory)).isEqualTo(hash);
        Files.writeString(directory.resolve("cases.csv"), "patient_id,admission_date\nA,2024-03-02\n");
        assertThat(Provenance.inputSha256(directory)).isNotEqualTo(hash).isEqualTo(expected(directory));
    }

    @Test
    void fileHashIsTheHashOfItsBytes()
            throws Exception
    {
        Path file = Files.writeString(directory.resolve("cases.xlsx"), "abc");
        // printf abc | sha256sum
        assertThat(Provenance.inputSha256(file)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    private static String expected(Path directory)
            throws Exception
    {
        Process process = new ProcessBuilder("sh", "-c", "sha256sum cases.csv measurements.csv | sha256sum").directory(directory.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        process.waitFor();
        return output.substring(0, 64);
    }
}
