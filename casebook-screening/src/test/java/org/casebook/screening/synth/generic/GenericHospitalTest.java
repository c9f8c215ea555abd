package org.casebook.screening.synth.generic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.casebook.screening.local.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class GenericHospitalTest
{
    @TempDir
    Path temp;

    @Test
    void everyPlantedPatientGetsItsIntendedResult()
            throws IOException
    {
        Path out = Path.of("target/generic-hospital/glp1-1");
        GenericHospital.Summary summary = GenericHospital.load(FixtureProtocolTest.fixture("glp1").toString(), 1, 300, false).write(out, ProgressListener.NONE);
        assertThat(summary.surprises()).isEmpty();
        assertThat(summary.included()).isGreaterThan(0);
    }
}
