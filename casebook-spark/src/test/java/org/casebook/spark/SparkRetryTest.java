package org.casebook.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.sql.SparkSession;
import org.casebook.screening.ScreeningEngine;
import org.casebook.screening.local.ProgressListener;
import org.casebook.screening.synth.generic.GenericHospital;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task that fails once is run again by Spark ({@code local[3,2]}: three threads, two attempts per
 * task), and the output is still the local engine's, byte for byte: a task's result depends only
 * on its file, never on an earlier attempt. One failure is injected in each of the three readings
 * (Medication files, the index event's files, the rest).
 */
class SparkRetryTest
{
    private static SparkSession spark;

    @TempDir
    Path temp;

    @BeforeAll
    static void startSpark()
    {
        spark = SparkSession.builder().master("local[3,2]").appName("SparkRetryTest")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark()
    {
        spark.stop();
    }

    @AfterEach
    void noMoreFaults()
    {
        ExportFile.opening = file -> { };
    }

    @Test
    void aTaskThatFailsOnceChangesNothing()
            throws IOException
    {
        String protocol = "dm-ild-tofacitinib";
        Path hospital = temp.resolve("hospital");
        GenericHospital.load(protocol, 13, 300, false).write(hospital, ProgressListener.NONE);
        // The synthetic hospital names its drugs in place; a Medication file gives the first reading a task too.
        java.nio.file.Files.writeString(hospital.resolve("Medication-1.ndjson"), "{\"resourceType\":\"Medication\",\"id\":\"m1\",\"code\":{\"text\":\"tofacitinib\"}}\n");
        Set<String> failed = ConcurrentHashMap.newKeySet();
        ExportFile.opening = file -> {
            if (Set.of("Medication", "MedicationRequest", "Observation").contains(file.typeName()) && failed.add(file.typeName())) {
                throw new IllegalStateException("injected failure of the task reading " + file.uri());
            }
        };

        Path local = temp.resolve("local");
        Path onSpark = temp.resolve("spark");
        ScreeningEngine.forProtocol(protocol, false).screen(hospital, local);
        new SparkScreening(spark, ProtocolText.load(protocol), false, 2).screen(hospital, onSpark);

        assertThat(failed).containsExactlyInAnyOrder("Medication", "MedicationRequest", "Observation");
        SparkScreeningTest.assertSameFiles(local, onSpark);
    }
}
