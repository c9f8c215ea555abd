package org.casebook.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Inputs that once ended in an internal error, a hang or an unsafe message; each is a message and exit 1. */
class BadInputMessagesTest
{
    @TempDir
    Path temp;

    private Path protocolCopy()
    {
        Path folder = temp.resolve("proto");
        assertThat(CliRun.of("protocol", "copy", "ae-ra-ild-jaki", folder.toString()).exitCode()).isZero();
        return folder;
    }

    @Test
    void aCodeSetPathToAnotherFileDoesNotEchoItsContents()
            throws IOException
    {
        Path folder = protocolCopy();
        Files.writeString(folder.resolve("codesets/ild.yaml"), "root:x:0:0:root:/root:/bin/bash\nsecret-token-123\n");
        CliRun run = CliRun.of("protocol", "check", folder.resolve("protocol.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        // named beside the protocol as it was given, so the file can be opened from where the command ran
        assertThat(run.err()).contains(folder.resolve("codesets/ild.yaml") + " line").doesNotContain("root:/root").doesNotContain("secret-token");
    }

    @Test
    void theSeedsFormerExtractionRulesAreALocatedMistakeForCheckAndScreen()
            throws IOException
    {
        Path folder = protocolCopy();
        Path protocol = folder.resolve("protocol.yaml");
        String lists = "  excluded_medication_statuses: [entered-in-error, cancelled, draft, not-done, not-taken]\n";
        Files.writeString(protocol, Files.readString(protocol).replace(lists, lists + "  home_oxygen:\n    code_set: oxygen\n"));
        int line = Files.readAllLines(protocol).indexOf("  home_oxygen:") + 1;
        for (CliRun run : List.of(CliRun.of("protocol", "check", protocol.toString()),
                CliRun.of("screen", "--protocol", protocol.toString(), "--extract", temp.toString(), "--out", temp.resolve("out").toString()))) {
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains(protocol + " line " + line, "key 'extraction.home_oxygen'", "under 'extract'");
        }
        assertThat(temp.resolve("out")).doesNotExist();
    }

    @Test
    void aFifoAsCodeSetFileIsRefusedWithoutWaiting()
            throws Exception
    {
        Path folder = protocolCopy();
        Path codeSet = folder.resolve("codesets/ild.yaml");
        Files.delete(codeSet);
        Process mkfifo = new ProcessBuilder("mkfifo", codeSet.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of("protocol", "check", folder.resolve("protocol.yaml").toString()));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("ild.yaml").contains("not a regular file");
    }

    @Test
    void aProtocolThatIsNotUtf8SaysSoNotInputLength()
            throws IOException
    {
        Path file = temp.resolve("latin1.yaml");
        Files.write(file, new byte[] {'i', 'd', ':', ' ', (byte) 0xe9, '\n'});
        CliRun run = CliRun.of("protocol", "check", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("latin1.yaml: not UTF-8 text").doesNotContain("Input length");
    }

    @Test
    void terminalEscapesInAProtocolValueAreShownEscaped()
            throws IOException
    {
        Path folder = protocolCopy();
        Path protocol = folder.resolve("protocol.yaml");
        Files.writeString(protocol, Files.readString(protocol).replace("system: ichikado", "system: \"\\e]0;owned\\a\\e[2J\""));
        CliRun run = CliRun.of("protocol", "check", protocol.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("\\u001b]0;owned\\u0007\\u001b[2J").doesNotContain("\u001b");
    }

    @Test
    void outputFoldersUnderAFileAreBadInput()
            throws IOException
    {
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        Path cases = DemoWorkbook.unpackTo(temp.resolve("cases"));
        CliRun report = CliRun.of("report", "--cases", cases.toString(), "--out", file.resolve("report").toString());
        assertThat(report.exitCode()).as(report.err()).isEqualTo(1);
        assertThat(report.err()).contains("cannot create the output folder").contains("a-file is a file, not a folder");

        CliRun synth = CliRun.of("synth", "--patients", "40", "--out", temp.resolve("hospital").toString(), "--quiet");
        assertThat(synth.exitCode()).isZero();
        CliRun screen = CliRun.of("screen", "--extract", temp.resolve("hospital").toString(), "--out", file.resolve("sub").resolve("out").toString(), "--quiet");
        assertThat(screen.exitCode()).as(screen.err()).isEqualTo(1);
        assertThat(screen.err()).contains("a-file is a file, not a folder");
    }

    @Test
    void reportReplacesItsFolderWholeCleansAKilledRunsPartialFolderAndKeepsForeignFolders()
            throws Exception
    {
        Path cases = DemoWorkbook.unpackTo(temp.resolve("cases"));
        Path out = temp.resolve("report");
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path killed = Files.createDirectories(temp.resolve(".report.partial-" + finished.pid() + "-1"));
        Files.writeString(killed.resolve("report.html"), "half");

        assertThat(CliRun.of("report", "--cases", cases.toString(), "--out", out.toString()).exitCode()).isZero();
        Files.writeString(out.resolve("report.pdf"), "an old PDF");
        CliRun again = CliRun.of("report", "--cases", cases.toString(), "--out", out.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();

        assertThat(Files.readString(out.resolve("report.pdf"), java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("%PDF");
        try (Stream<Path> beside = Files.list(temp)) {
            assertThat(beside.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("cases", "report");
        }

        Files.writeString(out.resolve("my-notes.txt"), "mine");
        CliRun refused = CliRun.of("report", "--cases", cases.toString(), "--out", out.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("holds my-notes.txt, which this command does not write");
        assertThat(out.resolve("my-notes.txt")).hasContent("mine");
    }
}
