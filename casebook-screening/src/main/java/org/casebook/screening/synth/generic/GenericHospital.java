package org.casebook.screening.synth.generic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.screening.local.ProgressListener;
import org.casebook.screening.synth.BulkExportWriter;
import org.casebook.screening.synth.generic.ReferenceScreening.NeverCounting;
import org.casebook.screening.synth.generic.ReferenceScreening.Outcome;
import org.casebook.yaml.YamlDocuments;
import org.casebook.yaml.YamlNode;

import static java.util.Objects.requireNonNull;

/**
 * A synthetic hospital for any protocol written in the language of docs/protocol.md, the seed's
 * included (its legacy {@code extraction} rules aside, which only name the never-counting lists
 * here): from the protocol alone it plants eligible patients with full timelines, every near miss
 * of {@link NearMisses}, the extraction near misses of every {@code extract} search and background
 * patients, writes a FHIR R4 bulk export, and beside it {@code expected/}: {@code screening.csv}
 * (the log's first six columns), {@code cases/} (the case workbook screening must write, with
 * {@code provenance.csv}), {@code planted.csv} (each planted patient's variant and intended result)
 * and {@code extraction_near_misses.csv} (each extraction near-miss record, named, with its rule).
 * Deterministic per seed; one patient at a time, keeping only the candidates' expected rows.
 */
public final class GenericHospital
{
    static final int ELIGIBLE_PER_CYCLE = 5;

    private final StudyProtocol protocol;
    private final ReferenceScreening reference;
    private final List<Variant> cycle;
    private final long seed;
    private final int patients;
    private final boolean gzip;

    public GenericHospital(StudyProtocol protocol, NeverCountingLists neverCounting, long seed, int patients, boolean gzip)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
        if (protocol.eligibility().isEmpty()) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "protocol " + protocol.id() + " has no eligibility criteria to plant patients for");
        }
        this.reference = new ReferenceScreening(protocol, new NeverCounting(neverCounting.conditionVerification(), neverCounting.medicationStatuses()));
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < ELIGIBLE_PER_CYCLE; i++) {
            variants.add(Variant.ELIGIBLE);
        }
        variants.addAll(NearMisses.of(protocol));
        this.cycle = List.copyOf(variants);
        if (patients < cycle.size()) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "the synthetic hospital for " + protocol.id() + " needs at least " + cycle.size()
                    + " patients (five eligible and one of each near miss), got " + patients);
        }
        this.seed = seed;
        this.patients = patients;
        this.gzip = gzip;
    }

    /** The records that never count, from the protocol's {@code extraction} block when it has one. */
    public record NeverCountingLists(List<String> conditionVerification, List<String> medicationStatuses)
    {
        public NeverCountingLists
        {
            conditionVerification = List.copyOf(requireNonNull(conditionVerification, "conditionVerification is null"));
            medicationStatuses = List.copyOf(requireNonNull(medicationStatuses, "medicationStatuses is null"));
        }
    }

    /** A built-in protocol's name or a protocol file's path. */
    public static GenericHospital load(String nameOrPath, long seed, int patients, boolean gzip)
    {
        StudyProtocol protocol = Protocols.load(nameOrPath);
        return new GenericHospital(protocol, neverCounting(protocolRoot(nameOrPath)), seed, patients, gzip);
    }

    private static YamlNode protocolRoot(String nameOrPath)
    {
        if (Protocols.builtInNames().contains(nameOrPath)) {
            return YamlDocuments.parse(nameOrPath + "/protocol.yaml", Protocols.builtInFile(nameOrPath, "protocol.yaml").orElseThrow());
        }
        try {
            return YamlDocuments.parse(nameOrPath, Files.readString(Path.of(nameOrPath), StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + nameOrPath + ": " + e.getMessage(), e);
        }
    }

    private static NeverCountingLists neverCounting(YamlNode root)
    {
        NeverCounting defaults = NeverCounting.DEFAULT;
        if (!root.has("extraction")) {
            return new NeverCountingLists(defaults.conditionVerification(), defaults.medicationStatuses());
        }
        YamlNode extraction = root.child("extraction");
        return new NeverCountingLists(
                extraction.has("excluded_condition_verification") ? extraction.textList("excluded_condition_verification") : defaults.conditionVerification(),
                extraction.has("excluded_medication_statuses") ? extraction.textList("excluded_medication_statuses") : defaults.medicationStatuses());
    }

    /**
     * What was written. {@code surprises} lists planted patients whose result differs from their
     * variant's intended one (a protocol whose criteria interact so that a near miss misses another
     * way); their expected rows follow the rules, and a test expects none for the shipped protocols.
     */
    public record Summary(int patients, long resources, int planted, int included, int candidates, List<String> surprises)
    {
        public Summary
        {
            surprises = List.copyOf(surprises);
        }
    }

    public List<String> variantNames()
    {
        return cycle.stream().map(Variant::slug).distinct().toList();
    }

    int plantedCount()
    {
        int cycles = Math.max(1, patients / 1000);
        return Math.min(patients, cycles * cycle.size());
    }

    /** The planted variant of patient {@code index}, or null for a background patient; spreads the planted patients evenly. */
    Variant variantOf(int index)
    {
        int planted = plantedCount();
        long j = ((long) index * planted + planted - 1) / patients;
        if (j < planted && j * patients / planted == index) {
            return cycle.get((int) (j % cycle.size()));
        }
        return null;
    }

    static String patientId(int index)
    {
        return String.format("pt%07d", index + 1);
    }

    public Summary write(Path folder, ProgressListener progress)
    {
        try {
            Files.createDirectories(folder.resolve("expected"));
            ExpectedFiles expected = new ExpectedFiles(protocol);
            List<String> surprises = new ArrayList<>();
            long resources;
            try (BulkExportWriter out = new BulkExportWriter(folder, gzip);
                    Writer planted = Files.newBufferedWriter(folder.resolve("expected/planted.csv"), StandardCharsets.UTF_8);
                    Writer nearMisses = Files.newBufferedWriter(folder.resolve("expected/extraction_near_misses.csv"), StandardCharsets.UTF_8)) {
                planted.write("patient_id,variant,outcome,reason\n");
                nearMisses.write("patient_id,rule,near_miss,record\n");
                FhirRecordWriter writer = new FhirRecordWriter(out);
                progress.start("synth: patients", patients, ProgressListener.Unit.PATIENTS);
                for (int index = 0; index < patients; index++) {
                    String patientId = patientId(index);
                    Variant variant = variantOf(index);
                    Outcome outcome = writePatient(writer, patientId, variant, new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index), nearMisses);
                    if (variant != null) {
                        planted.write(patientId + "," + variant.slug() + "," + variant.outcome() + "," + (variant.reason() == null ? "" : variant.reason()) + "\n");
                    }
                    String intended = variant == null ? "absent" : variant.outcome();
                    boolean asIntended = outcome.status().equals(intended) && (!intended.equals("excluded") || outcome.reason().equals(variant.reason()));
                    if (!asIntended) {
                        surprises.add(patientId + " " + (variant == null ? "background" : variant.slug()) + ": " + outcome.status()
                                + (outcome.reason() == null ? "" : " at " + outcome.reason()));
                    }
                    expected.add(patientId, outcome);
                    progress.advance(1);
                }
                progress.finish();
                resources = out.resources();
            }
            expected.write(folder.resolve("expected"));
            return new Summary(patients, resources, plantedCount(), expected.included(), expected.candidates(), surprises);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Outcome writePatient(FhirRecordWriter writer, String patientId, Variant variant, SplittableRandom random, Writer nearMisses)
            throws IOException
    {
        Timeline timeline = new Timeline(protocol, reference, random, patientId);
        if (variant == null) {
            timeline.background();
        }
        else {
            timeline.plant(variant);
        }
        String gender = random.nextBoolean() ? "female" : "male";
        LocalDate reference = variant == null ? protocol.studyWindow().start() : timeline.indexDay;
        LocalDate birthDate = reference.minusYears(random.nextInt(30, 86)).minusDays(random.nextInt(0, 365));
        LocalDate deceased = variant != null && random.nextDouble() < 0.15 ? timeline.dayZero.plusDays(random.nextInt(20, 700)) : null;
        PlantedRecord patient = writer.patient(patientId, birthDate, gender, deceased);
        for (PlantedRecord record : timeline.records) {
            writer.write(patientId, record);
            if (record.rule != null) {
                // rule targets are names (letters, digits, _) and "at": no CSV quoting needed
                nearMisses.write(patientId + "," + record.rule + "," + record.note + "," + record.reference() + "\n");
            }
        }
        return this.reference.screen(new ReferenceScreening.Patient(patientId, birthDate, gender, deceased, patient, timeline.records));
    }
}
