package org.casebook.screening.generic;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which possible candidates the rules include, decided on every core by {@link PatientsInOrder}
 * (batches handed over from the store, merging spilled parts, and decided on a pool of threads).
 * Before, the deciding ran on this thread alone while the other core idled between two reading
 * steps (docs/screening.md, "Whole-process benchmark"). At most a few batches wait at once, so the
 * patients held stay bounded as when spilled.
 */
final class IncludedPatients
{
    /** Patients a batch holds: large enough that handing over costs little, small enough to share the work evenly. */
    static final int BATCH = 64;

    private IncludedPatients() {}

    /** The ids of the patients {@code included} accepts, however many threads decide them (the rules are pure). */
    static Set<String> of(Patients patients, Predicate<GenericPatient> included, int threads)
            throws IOException
    {
        Set<String> ids = new HashSet<>();
        PatientsInOrder.forEach(patients, patient -> included.test(patient) ? patient.patientId() : null, ids::add, threads);
        return ids;
    }
}
