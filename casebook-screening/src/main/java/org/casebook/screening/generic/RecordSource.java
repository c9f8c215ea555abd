package org.casebook.screening.generic;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An input format of the generic engine: it yields each patient's records and facts, whatever
 * the records were stored as (docs/screening.md, "Input formats"). The engine runs the
 * protocol's rules over what it yields and writes the outputs; a new format is one new class.
 * <ul>
 * <li>{@link #fhir}: a FHIR R4 bulk export ({@link GenericExtractReader}; the types no criterion
 * looks at are read only for the included patients; the candidates' records spill to disk past a {@link SpillLimit})</li>
 * <li>{@code org.casebook.screening.omop.OmopSource}: OMOP CDM v5.4 tables</li>
 * </ul>
 */
public interface RecordSource
{
    /**
     * Reads every patient. Unusable rows are counted in {@code flow} and listed in
     * {@code skipped} (this method writes skipped.csv's header {@code file,line,reason,detail}
     * first), or, when strict, stop the run with a message naming the file and line.
     *
     * @param keep which records to keep once read and checked (the others are counted, then dropped)
     * @return every patient, by patient id
     * @throws org.casebook.error.CasebookException when the input cannot be read or (strict) a row is unusable
     */
    Map<String, GenericPatient> read(boolean strict, Writer skipped, GenericFlow flow, Predicate<GenericRecord> keep)
            throws IOException;

    /**
     * Reads the patients the protocol may screen: a source may leave out patients who cannot have
     * its index event (the FHIR reader passes over their lines unparsed); by default every patient.
     */
    default Map<String, GenericPatient> read(boolean strict, Writer skipped, GenericFlow flow, Predicate<GenericRecord> keep,
            org.casebook.protocol.StudyProtocol protocol)
            throws IOException
    {
        return read(strict, skipped, flow, keep);
    }

    /**
     * Reads the patients the protocol may screen, as {@link #read(boolean, Writer, GenericFlow, Predicate, org.casebook.protocol.StudyProtocol)};
     * a source may also read the records no criterion looks at only for the patients {@code included}
     * accepts (the rules' decision, given a patient's records of the criteria's kinds). By default it reads them for every patient.
     */
    default Map<String, GenericPatient> read(boolean strict, Writer skipped, GenericFlow flow, Predicate<GenericRecord> keep,
            org.casebook.protocol.StudyProtocol protocol, Predicate<GenericPatient> included)
            throws IOException
    {
        return read(strict, skipped, flow, keep, protocol);
    }

    /**
     * The patients as {@link #read(boolean, Writer, GenericFlow, Predicate, org.casebook.protocol.StudyProtocol, Predicate)}
     * reads them, handed over one at a time; a source may hold at most about {@code limit}'s records in
     * memory and spill the rest to disk under {@code spillParent} (null: {@code java.io.tmpdir}) until
     * the result is closed. By default the map {@code read} returns, held in memory.
     */
    default Patients patients(boolean strict, Writer skipped, GenericFlow flow, Predicate<GenericRecord> keep,
            org.casebook.protocol.StudyProtocol protocol, Predicate<GenericPatient> included, SpillLimit limit, Path spillParent)
            throws IOException
    {
        return Patients.of(read(strict, skipped, flow, keep, protocol, included));
    }

    /** What is read, for messages. */
    String describe();

    /** A FHIR R4 bulk-data export folder ({@code <Type>[-suffix].ndjson[.gz]}). */
    static RecordSource fhir(Path folder)
    {
        return fhir(folder, org.casebook.screening.local.ProgressListener.NONE);
    }

    /** A FHIR R4 bulk-data export folder, telling {@code progress} the bytes of the files read as each is done. */
    static RecordSource fhir(Path folder, org.casebook.screening.local.ProgressListener progress)
    {
        return new RecordSource()
        {
            @Override
            public Map<String, GenericPatient> read(boolean strict, Writer skipped, GenericFlow flow, Predicate<GenericRecord> keep)
                    throws IOException
            {
                return GenericExtractReader.read(folder, strict, skipped, flow, keep);
            }

            @Override
            public Map<String, GenericPatient> read(boolean strict, Writer skipped, GenericFlow flow, Predicate<GenericRecord> keep,
                    org.casebook.protocol.StudyProtocol protocol)
                    throws IOException
            {
                return GenericExtractReader.read(folder, strict, skipped, flow, keep, GenericExtractReader.Candidates.of(protocol), progress);
            }

            @Override
            public Map<String, GenericPatient> read(boolean strict, Writer skipped, GenericFlow flow, Predicate<GenericRecord> keep,
                    org.casebook.protocol.StudyProtocol protocol, Predicate<GenericPatient> included)
                    throws IOException
            {
                return GenericExtractReader.read(folder, strict, skipped, flow, keep, GenericExtractReader.Candidates.of(protocol, included), progress);
            }

            @Override
            public Patients patients(boolean strict, Writer skipped, GenericFlow flow, Predicate<GenericRecord> keep,
                    org.casebook.protocol.StudyProtocol protocol, Predicate<GenericPatient> included, SpillLimit limit, Path spillParent)
                    throws IOException
            {
                return GenericExtractReader.patients(folder, strict, skipped, flow, keep, GenericExtractReader.Candidates.of(protocol, included), progress,
                        limit, spillParent);
            }

            @Override
            public String describe()
            {
                return "FHIR bulk export " + folder;
            }
        };
    }
}
