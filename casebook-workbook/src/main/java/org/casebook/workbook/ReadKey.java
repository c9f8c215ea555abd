package org.casebook.workbook;

import static java.util.Objects.requireNonNull;

/** Which read a {@code ct_reads} or {@code ct_reads_kazerooni} row belongs to. */
record ReadKey(String patientId, String timepoint, String reader)
{
    ReadKey
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(timepoint, "timepoint is null");
        requireNonNull(reader, "reader is null");
    }

    String describe()
    {
        return "patient " + patientId + ", time point " + timepoint + ", reader " + reader;
    }
}
