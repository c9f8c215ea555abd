package org.casebook.screening.generic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.casebook.screening.generic.Ndjson.ICD10CM;
import static org.casebook.screening.generic.Ndjson.RXNORM;
import static org.casebook.screening.generic.Ndjson.SNOMED;
import static org.casebook.screening.generic.Ndjson.coding;

/**
 * A FHIR bulk export in which (nearly) every patient is a candidate of the first-prescription test
 * protocol ({@code first-rx/protocol.yaml}): each has a JAK-inhibitor prescription in 2024, and
 * about 40 % meet every other criterion. Each candidate has about 23 records that matter (CRP and
 * ESR results, visits, the index prescription…) and 20 that do not (heart rates), spread over two
 * Observation files, so patients span files. Written a patient at a time,
 * deterministic per seed; for the spill tests, and, as a program, for the 2 GB run of
 * docs/screening.md ("Memory"):
 * {@code java -cp … org.casebook.screening.generic.AllCandidatesExtract OUT MEGABYTES [SEED [lean]]} ({@code lean}: without the heart rates).
 */
final class AllCandidatesExtract
{
    private static final LocalDate YEAR = LocalDate.of(2024, 1, 1);
    private static final String UPADACITINIB = coding(RXNORM, "2196092");
    private static final String MTX = coding(RXNORM, "6851");
    private static final String[] FILES = {"Patient", "MedicationRequest", "MedicationStatement", "Condition", "Observation-1", "Observation-2",
            "Encounter", "ImagingStudy", "Procedure"};

    private AllCandidatesExtract() {}

    /** The protocol the extract is made for. */
    static Path protocol()
    {
        try {
            return Path.of(AllCandidatesExtract.class.getResource("first-rx/protocol.yaml").toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes patients until the files hold at least {@code bytes} (or {@code patients} are written, whichever comes first); returns the patients written. */
    static int write(Path folder, int patients, long bytes, long seed)
    {
        return write(folder, patients, bytes, seed, true);
    }

    /**
     * As {@link #write(Path, int, long, long)}; without {@code heartRates} the 20 heart rates that
     * do not matter are left out, so more candidates fit in fewer bytes (the same records matter).
     */
    static int write(Path folder, int patients, long bytes, long seed, boolean heartRates)
    {
        try {
            Files.createDirectories(folder);
            Map<String, BufferedWriter> out = new LinkedHashMap<>();
            for (String file : FILES) {
                out.put(file, Files.newBufferedWriter(folder.resolve(file + ".ndjson"), StandardCharsets.UTF_8));
            }
            long written = 0;
            int patient = 0;
            try {
                for (; patient < patients && written < bytes; patient++) {
                    written += patient(out, String.format("p%07d", patient), new SplittableRandom(seed * 1_000_003L + patient), heartRates);
                }
            }
            finally {
                for (BufferedWriter writer : out.values()) {
                    writer.close();
                }
            }
            return patient;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long patient(Map<String, BufferedWriter> out, String p, SplittableRandom random, boolean heartRates)
            throws IOException
    {
        long[] bytes = {0};
        Line line = (file, json) -> {
            out.get(file).write(json);
            out.get(file).write('\n');
            bytes[0] += json.length() + 1;
        };
        LocalDate day0 = YEAR.plusDays(random.nextInt(366));
        line.add("Patient", Ndjson.patient(p, (1940 + random.nextInt(50)) + "-05-10", random.nextBoolean() ? "female" : "male",
                random.nextInt(20) == 0 ? day0.plusDays(200).toString() : null));
        if (random.nextInt(10) == 0) {
            // an earlier prescription: the 2024 one is not the first, so not an index event
            line.add("MedicationRequest", Ndjson.request("rx0-" + p, p, UPADACITINIB, day0.minusDays(400) + "T10:00:00+09:00", "active", "15", "mg"));
        }
        line.add("MedicationRequest", Ndjson.request("rx-" + p, p, UPADACITINIB, day0 + "T10:00:00+09:00", "active", random.nextBoolean() ? "15" : "30", "mg"));
        if (random.nextInt(10) < 9) {
            line.add("Condition", Ndjson.condition("ra-" + p, p, ICD10CM, "M06.9", "2020-01-01", null, random.nextInt(20) == 0 ? "refuted" : "confirmed"));
        }
        if (random.nextInt(10) < 8) {
            line.add("MedicationStatement", Ndjson.statement("mtx-" + p, p, MTX, day0.minusDays(10 + random.nextInt(100)).toString(), "completed"));
        }
        if (random.nextInt(30) == 0) {
            line.add("Condition", Ndjson.condition("tb-" + p, p, ICD10CM, "A15.0", day0.minusDays(100).toString(), null, "confirmed"));
        }
        int crp = 6 + random.nextInt(7);
        for (int index = 0; index < crp; index++) {
            int day = index == 0 ? -random.nextInt(31) : -400 + random.nextInt(800);
            String value = index == 0 && random.nextInt(10) < 9 ? "2." + random.nextInt(10) : random.nextInt(4) + "." + random.nextInt(10);
            line.add("Observation-" + (1 + index % 2), Ndjson.observation("crp" + index + "-" + p, p, "1988-5",
                    day0.plusDays(day) + "T0" + random.nextInt(10) + ":00:00+09:00", value, "mg/dL", "final"));
        }
        for (int index = 0; index < 4; index++) {
            line.add("Observation-" + (2 - index % 2), Ndjson.observation("esr" + index + "-" + p, p, "4537-7",
                    day0.plusDays(-30 + 40 * index).toString(), Integer.toString(5 + random.nextInt(60)), "mm/h", "final"));
        }
        if (random.nextInt(10) < 9) {
            line.add("Observation-1", Ndjson.codedObservation("rf-" + p, p, "11572-5", "2023-06-01", "10828004"));
        }
        for (int index = 0; index < (heartRates ? 20 : 0); index++) {
            line.add("Observation-" + (1 + index % 2), Ndjson.observation("hr" + index + "-" + p, p, "8867-4",
                    day0.plusDays(-300 + 30 * index) + "T08:00:00+09:00", Integer.toString(55 + random.nextInt(40)), "/min", "final"));
        }
        if (random.nextInt(10) < 8) {
            line.add("Encounter", Ndjson.encounter("v1-" + p, p, "AMB", "finished", day0.plusDays(9) + "T10:00:00+09:00", day0.plusDays(9) + "T11:00:00+09:00", "M06.9"));
            line.add("Encounter", Ndjson.encounter("v2-" + p, p, "AMB", "finished", day0.plusDays(31) + "T10:00:00+09:00", day0.plusDays(31) + "T11:00:00+09:00", "M06.9"));
        }
        for (int index = 0; index < 4; index++) {
            line.add("Encounter", Ndjson.encounter("o" + index + "-" + p, p, "AMB", "finished", day0.plusDays(-200 + 90 * index) + "T10:00:00+09:00",
                    day0.plusDays(-200 + 90 * index) + "T10:30:00+09:00", "J06.9"));
        }
        if (random.nextInt(10) < 9) {
            line.add("ImagingStudy", Ndjson.imaging("xr-" + p, p, random.nextInt(10) == 0 ? "CR" : "DX", day0 + "T11:00:00+09:00", "available"));
        }
        if (random.nextInt(40) == 0) {
            line.add("Procedure", Ndjson.procedure("tka-" + p, p, "609588000", day0.minusDays(30).toString(), "completed"));
        }
        return bytes[0];
    }

    private interface Line
    {
        void add(String file, String json)
                throws IOException;
    }

    /** {@code OUT MEGABYTES [SEED [lean]]}: an extract of at least that size ({@code lean}: without the heart rates). */
    public static void main(String[] args)
    {
        long megabytes = Long.parseLong(args[1]);
        boolean heartRates = args.length <= 3 || !args[3].equals("lean");
        int patients = write(Path.of(args[0]), Integer.MAX_VALUE, megabytes << 20, args.length > 2 ? Long.parseLong(args[2]) : 1, heartRates);
        System.out.println(patients + " patients written to " + args[0]);
    }
}
