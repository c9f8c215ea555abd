package org.casebook.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.error.Messages;

import static java.util.Objects.requireNonNull;

/**
 * An output folder written atomically: everything goes into a hidden folder beside it,
 * {@code .OUT.partial-<pid>-<random>}, which is renamed to {@code OUT} only when complete, so an
 * interrupted run never leaves a folder that looks complete, and a reader sees either the old
 * folder or the new one, never a mix. Partial folders left by a run that was killed (its process
 * is gone) are deleted by the next run into the same folder.
 *
 * <pre>
 * try (OutputFolder folder = OutputFolder.begin(out, OutputFolder.Existing.REFUSE)) {
 *     write(folder.temporary());
 *     folder.commit();
 * }
 * </pre>
 * Every failure to prepare or place the folder (a parent that is a file, no permission, another
 * run that finished first) is a {@link CasebookException} naming the folder.
 */
public final class OutputFolder
        implements AutoCloseable
{
    private static final Pattern PARTIAL = Pattern.compile("\\.(.+)\\.(partial|old)-(\\d+)-.*");

    /** What to do when {@code OUT} already exists and is not empty. */
    public enum Existing
    {
        /** An error: choose a new folder. */
        REFUSE,
        /** Replace it, when every entry in it passes {@code replaceable} (the files an earlier run writes). */
        REPLACE
    }

    private final Path target;
    private final String shown;
    private final Path temporary;
    private final Existing existing;
    private final Predicate<Path> replaceable;
    private boolean committed;

    private OutputFolder(Path target, String shown, Path temporary, Existing existing, Predicate<Path> replaceable)
    {
        this.target = target;
        this.shown = shown;
        this.temporary = temporary;
        this.existing = existing;
        this.replaceable = replaceable;
    }

    /** Refuses an {@code out} that exists and is not an empty folder. */
    public static OutputFolder begin(Path out)
    {
        return begin(out, Existing.REFUSE, path -> false);
    }

    /**
     * @param replaceable with {@link Existing#REPLACE}: whether an entry of an existing {@code out} may be replaced
     * @throws CasebookException when {@code out} cannot be written
     */
    public static OutputFolder begin(Path out, Existing existing, Predicate<Path> replaceable)
    {
        requireNonNull(out, "out is null");
        Path target = out.toAbsolutePath().normalize();
        String shown = Messages.shorten(out.toString(), 1000);
        if (target.getParent() == null) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot write into " + shown + ": choose a folder below the file system root");
        }
        checkExisting(target, shown, existing, replaceable);
        Path parent = target.getParent();
        try {
            Files.createDirectories(parent);
        }
        catch (IOException e) {
            throw cannotCreate(shown, parent, e);
        }
        removeStalePartials(target);
        try {
            Path temporary = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial-" + ProcessHandle.current().pid() + "-");
            return new OutputFolder(target, shown, temporary, existing, replaceable);
        }
        catch (IOException e) {
            throw cannotCreate(shown, parent, e);
        }
    }

    /** Where to write; renamed to the output folder by {@link #commit()}. */
    public Path temporary()
    {
        return temporary;
    }

    /** The output folder (absolute). */
    public Path target()
    {
        return target;
    }

    /** Puts the written folder in place of {@code OUT}, replacing an earlier one when allowed. */
    public void commit()
    {
        try {
            checkExisting(target, shown, existing, replaceable);
            Path old = null;
            if (Files.isDirectory(target)) {
                old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime()));
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                if (old != null) {
                    deleteRecursively(old);
                }
                throw new CasebookException(ErrorCode.BAD_INPUT, "output folder " + shown + " was written by another run at the same time; "
                        + "nothing of this run was kept: run again into a new folder");
            }
            committed = true;
            if (old != null) {
                deleteRecursively(old);
            }
        }
        catch (NoSuchFileException | DirectoryNotEmptyException | FileAlreadyExistsException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "output folder " + shown + " was changed by another run at the same time; "
                    + "nothing of this run was kept: run again into a new folder");
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot move the finished output into " + shown + ": " + reason(e), e);
        }
    }

    /** Deletes the written folder unless it was committed. */
    @Override
    public void close()
    {
        if (!committed && Files.exists(temporary)) {
            try {
                deleteRecursively(temporary);
            }
            catch (UncheckedIOException e) {
                // best effort: the next run into this folder deletes it
            }
        }
    }

    private static void checkExisting(Path target, String shown, Existing existing, Predicate<Path> replaceable)
    {
        if (!Files.exists(target)) {
            for (Path ancestor = target.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
                if (Files.exists(ancestor)) {
                    if (!Files.isDirectory(ancestor)) {
                        throw new CasebookException(ErrorCode.BAD_INPUT, "cannot create the output folder " + shown + ": "
                                + Messages.shorten(ancestor.toString(), 1000) + " is a file, not a folder");
                    }
                    break;
                }
            }
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "output folder " + shown + " is a file; choose a folder");
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(target)) {
            entries = list.toList();
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read the output folder " + shown + ": " + reason(e), e);
        }
        if (entries.isEmpty()) {
            return;
        }
        if (existing == Existing.REFUSE) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "output folder " + shown + " already exists and is not empty; choose a new one");
        }
        Optional<Path> foreign = entries.stream().filter(replaceable.negate()).findFirst();
        if (foreign.isPresent()) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "output folder " + shown + " holds " + Messages.shorten(foreign.get().getFileName().toString())
                    + ", which this command does not write; choose a new or empty folder (it replaces the whole folder)");
        }
    }

    /** Deletes {@code .OUT.partial-*} and {@code .OUT.old-*} folders beside OUT whose process is gone. */
    private static void removeStalePartials(Path target)
    {
        String name = target.getFileName().toString();
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            for (Path sibling : siblings.toList()) {
                Matcher matcher = PARTIAL.matcher(sibling.getFileName().toString());
                if (!matcher.matches() || !matcher.group(1).equals(name) || !Files.isDirectory(sibling)) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(matcher.group(3));
                }
                catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                try {
                    deleteRecursively(sibling);
                }
                catch (UncheckedIOException e) {
                    // another run deleting it too, or not ours to delete: leave it
                }
            }
        }
        catch (IOException e) {
            // the folder cannot be listed: creating the temporary folder reports the problem
        }
    }

    private static CasebookException cannotCreate(String shown, Path parent, IOException e)
    {
        String problem = e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException
                ? "a part of " + Messages.shorten(parent.toString(), 1000) + " is a file, not a folder"
                : e instanceof AccessDeniedException ? "permission denied" : reason(e);
        return new CasebookException(ErrorCode.BAD_INPUT, "cannot create the output folder " + shown + ": " + problem, e);
    }

    private static String reason(IOException e)
    {
        String reason = e instanceof FileSystemException fileSystem && fileSystem.getReason() != null ? fileSystem.getReason() : e.getMessage();
        return Messages.shorten(reason == null ? e.getClass().getSimpleName() : reason, 300);
    }

    /** Deletes a folder and everything in it. */
    public static void deleteRecursively(Path folder)
    {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (NoSuchFileException e) {
            // already gone
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
