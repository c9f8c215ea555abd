package org.casebook.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files so that a reader never sees a half-written one: write beside, then rename. */
public final class AtomicFiles
{
    private AtomicFiles() {}

    public static void writeString(Path file, String text)
            throws IOException
    {
        write(file, out -> out.write(text));
    }

    /** Text written by {@code content} as UTF-8, as it is made. */
    public static void write(Path file, TextContent content)
            throws IOException
    {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            try (java.io.Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                content.writeTo(out);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes a file's text. */
    public interface TextContent
    {
        void writeTo(java.io.Writer out)
                throws IOException;
    }
}
