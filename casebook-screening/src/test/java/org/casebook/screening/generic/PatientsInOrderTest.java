package org.casebook.screening.generic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What is made of the patients on several threads reaches the caller as on one, in patient id
 * order: whatever the count against the batch size (none, one, a batch exactly, a batch and one
 * more, more batches than may wait at once), the patients that give nothing left out, and a failure
 * thrown as one thread meets it.
 */
class PatientsInOrderTest
{
    /** A candidate: a patient whose number is divisible by three, made into its id and the thread-free length of it; the others give nothing. */
    private static final Function<GenericPatient, String> THIRDS = patient -> Integer.parseInt(patient.patientId().substring(1)) % 3 == 0
            ? patient.patientId() + ":" + patient.patientId().length() : null;

    @Test
    void severalThreadsHandOverWhatOneHandsOverInTheSameOrder()
            throws Exception
    {
        int batch = IncludedPatients.BATCH;
        for (int count : new int[] {0, 1, 2, batch - 1, batch, batch + 1, 5 * batch + 7, 40 * batch + 3}) {
            Patients patients = patients(count);
            List<String> expected = new ArrayList<>();
            patients.forEach(patient -> {
                if (THIRDS.apply(patient) != null) {
                    expected.add(THIRDS.apply(patient));
                }
            });
            for (int threads : new int[] {1, 2, 3}) {
                List<String> handedOver = new ArrayList<>();
                PatientsInOrder.forEach(patients, THIRDS, handedOver::add, threads);
                assertThat(handedOver).as("%d patients, %d threads", count, threads).isEqualTo(expected);
            }
            assertThat(expected).as("%d patients", count).hasSize((count + 2) / 3);
        }
    }

    @Test
    void aFailureReachesTheCallerAfterThePatientsOfTheBatchesBeforeIt()
            throws Exception
    {
        Patients patients = patients(500);
        List<String> order = new ArrayList<>();
        patients.forEach(patient -> order.add(patient.patientId()));
        int failing = 3 * IncludedPatients.BATCH + 10; // in the fourth batch
        String failingId = order.get(failing);
        Function<GenericPatient, String> work = patient -> {
            if (patient.patientId().equals(failingId)) {
                throw new IllegalArgumentException("cannot judge " + failingId);
            }
            return patient.patientId();
        };

        for (int threads : new int[] {1, 2}) {
            List<String> handedOver = new ArrayList<>();
            assertThatThrownBy(() -> PatientsInOrder.forEach(patients, work, handedOver::add, threads))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot judge " + failingId);
            // one thread hands over every patient before the failing one; several, the whole batches before its batch
            List<String> before = threads == 1 ? order.subList(0, failing) : order.subList(0, 3 * IncludedPatients.BATCH);
            assertThat(handedOver).as("%d threads", threads).isEqualTo(before);
        }
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
