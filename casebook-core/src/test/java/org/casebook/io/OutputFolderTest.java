package org.casebook.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputFolderTest
{
    @TempDir
    Path temp;

    private static void writeAndCommit(Path out, OutputFolder.Existing existing, String text)
            throws IOException
    {
        try (OutputFolder folder = OutputFolder.begin(out, existing, path -> path.getFileName().toString().equals("result.txt"))) {
            Files.writeString(folder.temporary().resolve("result.txt"), text);
            folder.commit();
        }
    }

    private Stream<String> names()
            throws IOException
    {
        return Files.list(temp).map(path -> path.getFileName().toString()).sorted();
    }

    @Test
    void theFolderAppearsWhenCompleteAndNothingIsLeftBeside()
            throws IOException
    {
        Path out = temp.resolve("out");
        try (OutputFolder folder = OutputFolder.begin(out)) {
            Files.writeString(folder.temporary().resolve("result.txt"), "one");
            assertThat(out).doesNotExist();
            assertThat(folder.temporary().getFileName().toString()).startsWith(".out.partial-" + ProcessHandle.current().pid() + "-");
            folder.commit();
        }
        assertThat(out.resolve("result.txt")).hasContent("one");
        assertThat(names()).containsExactly("out");
    }

    @Test
    void aFailedRunLeavesNothing()
    {
        Path out = temp.resolve("out");
        assertThatThrownBy(() -> {
            try (OutputFolder folder = OutputFolder.begin(out)) {
                Files.writeString(folder.temporary().resolve("half.txt"), "half");
                throw new IllegalStateException("killed");
            }
        }).hasMessage("killed");
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void aParentThatIsAFileIsBadInput()
            throws IOException
    {
        Files.writeString(temp.resolve("file"), "x");
        assertThatThrownBy(() -> OutputFolder.begin(temp.resolve("file").resolve("sub").resolve("out")))
                .isInstanceOfSatisfying(CasebookException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageContaining("cannot create the output folder").hasMessageContaining("file is a file, not a folder");
        assertThatThrownBy(() -> OutputFolder.begin(temp.resolve("file"))).hasMessageContaining("is a file; choose a folder");
    }

    @Test
    void aRunThatFinishesSecondIntoANewFolderGetsAMessage()
            throws IOException
    {
        Path out = temp.resolve("out");
        OutputFolder first = OutputFolder.begin(out);
        OutputFolder second = OutputFolder.begin(out);
        Files.writeString(first.temporary().resolve("result.txt"), "first");
        Files.writeString(second.temporary().resolve("result.txt"), "second");
        first.commit();
        first.close();
        assertThatThrownBy(second::commit).isInstanceOf(CasebookException.class).hasMessageContaining("already exists and is not empty");
        second.close();
        assertThat(out.resolve("result.txt")).hasContent("first");
        assertThat(names()).containsExactly("out");
    }

    @Test
    void replacingSwapsTheWholeFolderButNeverForeignFiles()
            throws IOException
    {
        Path out = temp.resolve("out");
        writeAndCommit(out, OutputFolder.Existing.REPLACE, "old");
        writeAndCommit(out, OutputFolder.Existing.REPLACE, "new");
        assertThat(out.resolve("result.txt")).hasContent("new");
        assertThat(names()).containsExactly("out");

        Files.writeString(out.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> writeAndCommit(out, OutputFolder.Existing.REPLACE, "newer"))
                .hasMessageContaining("holds notes.txt, which this command does not write");
        assertThat(out.resolve("notes.txt")).hasContent("mine");
        assertThat(out.resolve("result.txt")).hasContent("new");
    }

    @Test
    void partialFoldersOfAKilledRunAreDeletedByTheNextRun()
            throws Exception
    {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path killed = Files.createDirectories(temp.resolve(".out.partial-" + finished.pid() + "-123"));
        Files.writeString(killed.resolve("half.txt"), "half");
        Path running = Files.createDirectories(temp.resolve(".out.partial-" + ProcessHandle.current().pid() + "-456"));
        Path otherFolders = Files.createDirectories(temp.resolve(".other.partial-" + finished.pid() + "-789"));

        writeAndCommit(temp.resolve("out"), OutputFolder.Existing.REFUSE, "done");

        assertThat(killed).doesNotExist();
        assertThat(running).exists();
        assertThat(otherFolders).exists();
    }
}
