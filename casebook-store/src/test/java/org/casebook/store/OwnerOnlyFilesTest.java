package org.casebook.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

import org.casebook.protocol.Protocols;
import org.casebook.store.study.Studies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQLite database, its WAL and the report folders are created readable by the server's account only. */
class OwnerOnlyFilesTest
{
    @TempDir
    Path temp;

    private static String permissions(Path path)
            throws Exception
    {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void aNewSqliteDatabaseAndItsWalAreOwnerOnly()
            throws Exception
    {
        Path data = temp.resolve("casebook-data");
        try (StudyDatabase database = StudyDatabase.open("jdbc:sqlite:" + data.resolve("casebook.db"), Clock.systemUTC())) {
            new Studies(database).create("s", Protocols.SEED, 30, "admin");
            assertThat(permissions(data)).isEqualTo("rwx------");
            assertThat(permissions(data.resolve("casebook.db"))).isEqualTo("rw-------");
            assertThat(Files.exists(data.resolve("casebook.db-wal"))).isTrue();
            assertThat(permissions(data.resolve("casebook.db-wal"))).isEqualTo("rw-------");
            assertThat(permissions(data.resolve("casebook.db-shm"))).isEqualTo("rw-------");
        }
    }

    @Test
    void restrictMakesFilesWrittenWithTheUmaskOwnerOnly()
            throws Exception
    {
        Path report = temp.resolve("studies/1/report");
        OwnerOnlyFiles.createFolders(report);
        Path file = Files.writeString(report.resolve("report.html"), "<html>");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        OwnerOnlyFiles.restrict(temp.resolve("studies"));
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(permissions(report)).isEqualTo("rwx------");
        assertThat(permissions(temp.resolve("studies"))).isEqualTo("rwx------");
    }
}
