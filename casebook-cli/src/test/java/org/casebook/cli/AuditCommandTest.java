package org.casebook.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.casebook.store.StudyDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code casebook audit verify} on a SQLite data folder: 0 when intact, 1 naming the changed row. */
class AuditCommandTest
{
    @TempDir
    Path data;

    @Test
    void verifyFindsARowChangedBehindTheAppsBack()
            throws Exception
    {
        assertThat(CliRun.of("user", "add", "--data", data.toString(), "--role", "admin", "alice").exitCode()).isZero();
        assertThat(CliRun.of("user", "add", "--data", data.toString(), "bob").exitCode()).isZero();
        CliRun intact = CliRun.of("audit", "verify", "--data", data.toString());
        assertThat(intact.exitCode()).as(intact.err()).isZero();
        assertThat(intact.out()).contains("audit trail intact: 2 rows chained");

        try (StudyDatabase database = StudyDatabase.open("jdbc:sqlite:" + data.resolve("casebook.db"), Clock.systemUTC())) {
            database.withHandle(handle -> {
                handle.execute("DROP TRIGGER audit_log_no_update");
                return handle.execute("UPDATE audit_log SET new_value = 'mallory (admin)' WHERE new_value = 'bob'");
            });
        }
        CliRun tampered = CliRun.of("audit", "verify", "--data", data.toString());
        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.err()).contains("audit trail tampered: row 2 was changed after it was written");
        assertThat(Files.exists(data.resolve("casebook.db"))).isTrue();
    }
}
