package org.casebook.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files holding patient data (the SQLite database and its WAL, study reports) readable by the
 * server's own account only: folders 0700, files 0600, whatever the umask. On a file system
 * without POSIX permissions (Windows) nothing is changed.
 */
public final class OwnerOnlyFiles
{
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {}

    /**
     * Creates {@code file} empty and owner-only when it does not exist (SQLite gives its -wal and
     * -shm files the database file's permissions, so they are owner-only too), and its missing
     * parent folders owner-only; an existing file is left as it is.
     */
    public static void createFile(Path file)
    {
        try {
            createFolders(file.toAbsolutePath().getParent());
            if (posix(file.toAbsolutePath().getParent())) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            }
        }
        catch (FileAlreadyExistsException e) {
            // an existing database keeps its permissions: the operator may have chosen them
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates {@code folder} and its missing parents owner-only. */
    public static void createFolders(Path folder)
    {
        try {
            Path absolute = folder.toAbsolutePath();
            if (Files.isDirectory(absolute)) {
                return;
            }
            createFolders(absolute.getParent());
            if (posix(absolute.getParent())) {
                Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(FOLDER));
            }
            else {
                Files.createDirectory(absolute);
            }
        }
        catch (FileAlreadyExistsException e) {
            // created meanwhile
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes {@code folder} and everything under it owner-only (files written by a library with the default umask). */
    public static void restrict(Path folder)
    {
        if (!Files.exists(folder) || !posix(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.toList()) {
                Files.setPosixFilePermissions(path, Files.isDirectory(path) ? FOLDER : FILE);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean posix(Path existing)
    {
        return existing != null && Files.getFileAttributeView(existing, java.nio.file.attribute.PosixFileAttributeView.class) != null;
    }
}
