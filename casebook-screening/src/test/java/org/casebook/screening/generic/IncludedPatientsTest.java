package org.casebook.screening.generic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The possible candidates decided on several threads are the ones decided on one: whatever the
 * count against the batch size (none, one, a batch exactly, a batch and one more), and a failure
 * of the rules reaches the caller as it is.
 */
class IncludedPatientsTest
{
    /** Included: a patient whose number is divisible by three (and not the ones it is not). */
    private static final Predicate<GenericPatient> THIRDS = patient -> Integer.parseInt(patient.patientId().substring(1)) % 3 == 0;

    @Test
    void severalThreadsIncludeWhatOneIncludes()
            throws Exception
    {
        for (int count : new int[] {0, 1, 2, IncludedPatients.BATCH - 1, IncludedPatients.BATCH, IncludedPatients.BATCH + 1, 5 * IncludedPatients.BATCH + 7}) {
            Patients patients = patients(count);
            Set<String> expected = new HashSet<>();
            for (int number = 0; number < count; number++) {
                if (number % 3 == 0) {
                    expected.add("p" + number);
                }
            }
            assertThat(IncludedPatients.of(patients, THIRDS, 1)).as("%d patients, one thread", count).isEqualTo(expected);
            assertThat(IncludedPatients.of(patients, THIRDS, 2)).as("%d patients, two threads", count).isEqualTo(expected);
            assertThat(IncludedPatients.of(patients, THIRDS, 3)).as("%d patients, three threads", count).isEqualTo(expected);
        }
    }

    @Test
    void everyPatientIsDecidedOnce()
            throws Exception
    {
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        IncludedPatients.of(patients(3 * IncludedPatients.BATCH + 5), patient -> seen.add(patient.patientId()), 2);

        assertThat(seen).hasSize(3 * IncludedPatients.BATCH + 5).doesNotHaveDuplicates();
    }

    @Test
    void aFailureOfTheRulesReachesTheCaller()
    {
        Predicate<GenericPatient> failing = patient -> {
            if (patient.patientId().equals("p70")) {
                throw new IllegalArgumentException("cannot judge p70");
            }
            return false;
        };

        assertThatThrownBy(() -> IncludedPatients.of(patients(200), failing, 2)).isInstanceOf(IllegalArgumentException.class).hasMessage("cannot judge p70");
        assertThatThrownBy(() -> IncludedPatients.of(patients(200), failing, 1)).isInstanceOf(IllegalArgumentException.class).hasMessage("cannot judge p70");
    }

    private static Patients patients(int count)
    {
        Map<String, GenericPatient> patients = new TreeMap<>();
        for (int number = 0; number < count; number++) {
            String id = "p" + number;
            patients.put(id, new GenericPatient(id, null, null, null, null, List.of()));
        }
        return Patients.of(patients);
    }
}
