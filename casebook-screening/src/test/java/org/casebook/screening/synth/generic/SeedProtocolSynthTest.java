package org.casebook.screening.synth.generic;

import java.io.IOException;
import java.nio.file.Path;

import org.casebook.protocol.Protocols;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


/**
 * The seed protocol's extract rules (CT studies per time point, record_of, any_of, record_date,
 * rule units, a dose filter, status_reason, last_record_date) planted by the generic generator:
 * the generic engine screens the hospital into the generator's expected files exactly.
 */
class SeedProtocolSynthTest
{
    @TempDir
    Path temp;

    @ParameterizedTest(name = "seed {0}, {1} patients")
    @CsvSource({"3, 700", "8, 1500"})
    void theGenericEngineGivesTheExpectedFilesOfTheSeedsRules(long seed, int patients)
            throws IOException
    {
        GenericHospitalScreeningTest.assertSynthThenScreenAgree(Protocols.SEED, seed, patients, seed % 2 == 0, temp);
    }
}
