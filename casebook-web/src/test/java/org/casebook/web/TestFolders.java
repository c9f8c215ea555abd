package org.casebook.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary folders and files of the web tests, all inside one folder of this test JVM that is
 * deleted when the JVM ends. A test database or workbook is used by Spring contexts the test
 * framework keeps until the JVM ends, so a folder cannot go with its test class; and workbooks
 * hold (made-up) patient data that must not pile up in /tmp.
 */
public final class TestFolders
{
    private static Path root;

    private TestFolders() {}

    /** A new, empty folder named {@code prefix…}. */
    public static Path folder(String prefix)
    {
        try {
            return Files.createTempDirectory(root(), prefix);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty file named {@code prefix…suffix}. */
    public static Path file(String prefix, String suffix)
    {
        try {
            return Files.createTempFile(root(), prefix, suffix);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path root()
            throws IOException
    {
        if (root == null) {
            Path created = Files.createTempDirectory("casebook-web-tests");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(created), "delete " + created));
            root = created;
        }
        return root;
    }

    /** Deletes a folder and everything in it; what cannot be deleted (a file still being written) is left. */
    static void delete(Path folder)
    {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException | UncheckedIOException e) {
            // a file vanished while walking: nothing left to do for it
        }
    }
}
