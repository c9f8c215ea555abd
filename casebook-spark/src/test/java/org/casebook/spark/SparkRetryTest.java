package org.casebook.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.sql.SparkSession;
import org.casebook.screening.ScreeningEngine;
import org.casebook.screening.local.ProgressListener;
import org.casebook.screening.omop.OmopSource;
import org.casebook.screening.omop.OmopWriter;
import org.casebook.screening.synth.generic.GenericHospital;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task that fails once is run again by Spark ({@code local[2,3]}: two threads, three attempts
 * per task), and the output is still the local engine's, byte for byte: a task's result depends
 * only on its file or range, never on an earlier attempt. For a FHIR export one failure is
 * injected in each of the three readings (Medication files, the index event's files, the rest);
 * for OMOP CDM tables in a table read whole and in a range of a table cut into tasks.
 */
class SparkRetryTest
{
    private static final String MASTER = "local[2,3]";

    @TempDir
    Path temp;

    @AfterEach
    void noMoreFaults()
    {
        ExportFile.opening = file -> { };
        OmopFile.opening = file -> { };
    }

    @Test
    void aTaskThatFailsOnceChangesNothing()
            throws IOException
    {
        String protocol = "dm-ild-tofacitinib";
        Path hospital = temp.resolve("hospital");
        GenericHospital.load(protocol, 13, 150, false).write(hospital, ProgressListener.NONE);
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
        new SparkScreening(SparkSessions.on(MASTER), ProtocolText.load(protocol), false, 2).screen(hospital, onSpark);

        assertThat(failed).containsExactlyInAnyOrder("Medication", "MedicationRequest", "Observation");
        SparkScreeningTest.assertSameFiles(local, onSpark);
    }

    @Test
    void anOmopTaskThatFailsOnceChangesNothing()
            throws IOException
    {
        String protocol = "ild-lung-resection";
        Path fhir = temp.resolve("fhir");
        GenericHospital.load(protocol, 21, 150, false).write(fhir, ProgressListener.NONE);
        Path omop = temp.resolve("omop");
        OmopWriter.fromFhir(fhir, omop);
        SparkOmopTest.addBadRows(omop);
        Set<String> failed = ConcurrentHashMap.newKeySet();
        OmopFile.opening = file -> {
            if (Set.of("PERSON.csv", "MEASUREMENT.csv").contains(file) && failed.add(file)) {
                throw new IllegalStateException("injected failure of a task reading " + file);
            }
        };

        Path local = temp.resolve("local");
        Path onSpark = temp.resolve("spark");
        ScreeningEngine.forProtocol(protocol, false).screen(OmopSource.of(omop), local);
        SparkSession spark = SparkSessions.on(MASTER);
        spark.conf().set("spark.sql.files.maxPartitionBytes", Long.toString(Files.size(omop.resolve("MEASUREMENT.csv")) / 3 + 1));
        try {
            new SparkScreening(spark, ProtocolText.load(protocol), false, 3).screen(OmopSource.of(omop), onSpark);
        }
        finally {
            spark.conf().unset("spark.sql.files.maxPartitionBytes");
        }

        assertThat(failed).containsExactlyInAnyOrder("PERSON.csv", "MEASUREMENT.csv");
        SparkScreeningTest.assertSameFiles(local, onSpark);
    }
}
