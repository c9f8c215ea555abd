package org.casebook.spark;

import java.nio.file.Files;
import java.nio.file.Path;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --engine spark} as the command line builds it: a master Spark cannot use is a message (exit 1), and nothing is written. */
class SparkEngineTest
{
    @TempDir
    Path temp;

    /** The engine starts its own session, as the command line does: the tests' shared one must not be running (a JVM holds one). */
    @org.junit.jupiter.api.BeforeAll
    static void noSharedSession()
    {
        SparkSessions.stop();
    }

    @Test
    void aMasterSparkCannotUseIsAMessage()
            throws Exception
    {
        Path export = Files.createDirectories(temp.resolve("export"));
        assertThatThrownBy(() -> new SparkEngineProvider().engine("dm-ild-tofacitinib", false, "no-such-master").screen(export, temp.resolve("out")))
                .isInstanceOfSatisfying(CasebookException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageContaining("cannot start Spark with master no-such-master");
        assertThat(temp.resolve("out")).doesNotExist();
    }
}
