package org.casebook.spark;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.io.OutputFolder;
import org.casebook.screening.fhir.Concept;
import org.casebook.screening.generic.FileReading;
import org.casebook.screening.generic.GenericCase;
import org.casebook.screening.generic.GenericDecision;
import org.casebook.screening.generic.GenericExtractReader;
import org.casebook.screening.generic.GenericFlow;
import org.casebook.screening.generic.GenericPatient;
import org.casebook.screening.generic.GenericRecord;
import org.casebook.screening.generic.GenericScreening;
import org.casebook.screening.generic.RecordMatcher;
import org.casebook.screening.generic.RecordSource;
import org.casebook.screening.local.ExtractFile;
import scala.Tuple2;

import static java.util.Objects.requireNonNull;

/**
 * The generic engine's screening of a FHIR bulk export, run on Spark (docs/screening.md, "On
 * Apache Spark"). The local reader's three steps become three Spark stages, one task per file:
 * the Medication files (their drugs broadcast to every task), the index event's files (the
 * possible candidates, broadcast), then every other file; each patient's parts are grouped on the
 * cluster by patient id, merged in the local reader's file order, and decided (and, when
 * included, extracted) in the executors by the same {@link GenericScreening} rules. The driver
 * collects the candidates, counts and skipped lines, and writes the outputs with the local
 * engine's writers, atomically. Every merge follows the file and line order, never the order
 * tasks finish in, so the output does not depend on partitioning. Any other input format (OMOP
 * CDM) is read on the driver by its {@link RecordSource}, and only its patients' decisions run in tasks.
 */
public final class SparkScreening
{
    /** Each executor's rules, built once per protocol from its texts. */
    private static final Map<ProtocolText, Rules> RULES = new ConcurrentHashMap<>();

    private final JavaSparkContext spark;
    private final ProtocolText protocol;
    private final boolean strict;
    private final int patientPartitions;

    /** What a task needs of the protocol: the screening, what to keep of the records, what may make a candidate. */
    private record Rules(GenericScreening screening, java.util.function.Predicate<GenericRecord> keep, GenericExtractReader.Candidates candidates) {}

    /** A candidate's decision and, when included, case: what a task sends back. */
    private record Decided(GenericDecision decision, GenericCase extracted)
            implements java.io.Serializable {}

    /**
     * @param patientPartitions how many partitions the patients are grouped into; 0 for Spark's default parallelism
     */
    public SparkScreening(SparkSession spark, ProtocolText protocol, boolean strict, int patientPartitions)
    {
        this.spark = JavaSparkContext.fromSparkContext(requireNonNull(spark, "spark is null").sparkContext());
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.strict = strict;
        this.patientPartitions = patientPartitions;
    }

    /** The protocol's rules in this JVM (strictness is the reading's: {@link FileReading} is told it). */
    private static Rules rules(ProtocolText protocol)
    {
        return RULES.computeIfAbsent(protocol, key -> {
            GenericScreening screening = key.screening(false);
            return new Rules(screening, screening.keep(), GenericExtractReader.Candidates.of(screening.protocol()));
        });
    }

    /**
     * Screens the export into {@code out}, written atomically (a failed job leaves no {@code out}).
     *
     * @throws CasebookException when {@code out} exists and is not empty, the export is unreadable, or (strict) a line is unusable
     */
    public GenericScreening.Result screen(Path extract, Path out)
            throws IOException
    {
        try (OutputFolder folder = OutputFolder.begin(out)) {
            GenericScreening.Result result = run(extract, folder.temporary());
            folder.commit();
            return result;
        }
    }

    /**
     * Screens any input format into {@code out}: the source is read here, on the driver, as the
     * local engine reads it (an OMOP CDM source's tables are not read in Spark tasks), and its
     * patients are decided and extracted in Spark tasks.
     *
     * @throws CasebookException when {@code out} exists and is not empty, the source is unreadable, or (strict) a row is unusable
     */
    public GenericScreening.Result screen(RecordSource source, Path out)
            throws IOException
    {
        try (OutputFolder folder = OutputFolder.begin(out)) {
            GenericScreening screening = rules(protocol).screening();
            GenericFlow flow = new GenericFlow();
            Map<String, GenericPatient> patients;
            try (Writer skipped = Files.newBufferedWriter(folder.temporary().resolve("skipped.csv"), StandardCharsets.UTF_8)) {
                patients = source.read(strict, skipped, flow, screening.keep(), screening.protocol());
            }
            ProtocolText text = protocol;
            int partitions = patientPartitions > 0 ? patientPartitions : spark.defaultParallelism();
            List<Decided> decided = collect(spark.parallelize(new ArrayList<>(patients.values()), Math.max(1, partitions))
                    .flatMap(patient -> decided(text, patient).iterator()));
            GenericScreening.Result result = result(screening, decided, flow);
            screening.write(result, folder.temporary());
            folder.commit();
            return result;
        }
    }

    private static GenericScreening.Result result(GenericScreening screening, List<Decided> decided, GenericFlow flow)
    {
        Map<String, GenericCase> cases = new HashMap<>();
        decided.stream().filter(one -> one.extracted() != null).forEach(one -> cases.put(one.decision().patientId(), one.extracted()));
        return screening.result(decided.stream().map(Decided::decision).toList(), cases, flow);
    }

    private GenericScreening.Result run(Path extract, Path temporary)
            throws IOException
    {
        GenericScreening screening = rules(protocol).screening();
        List<ExtractFile> listed = ExtractFile.list(extract);
        List<ExportFile> medicationFiles = new ArrayList<>();
        List<ExportFile> others = new ArrayList<>();
        // The local reader's order: Medication files first, then the rest by name.
        int order = 0;
        for (ExtractFile file : listed.stream().filter(FileReading::isMedication).toList()) {
            medicationFiles.add(ExportFile.of(order++, file));
        }
        for (ExtractFile file : listed.stream().filter(file -> !FileReading.isMedication(file)).toList()) {
            others.add(ExportFile.of(order++, file));
        }
        Set<String> indexTypes = rules(protocol).candidates().types();
        List<ExportFile> indexFiles = others.stream().filter(file -> indexTypes.contains(file.typeName())).toList();
        ProtocolText text = protocol;
        boolean strictly = strict;
        Map<Integer, List<FileReading.Part>> partsByFile = new TreeMap<>();

        List<FileReading.Part> medicationParts = collect(tasks(medicationFiles)
                .map(file -> FileReading.medications(file.open(), strictly, rules(text).keep())));
        Map<String, Concept> medications = new HashMap<>();
        for (int index = 0; index < medicationFiles.size(); index++) {
            medications.putAll(medicationParts.get(index).medications());
            partsByFile.computeIfAbsent(medicationFiles.get(index).order(), key -> new ArrayList<>()).add(medicationParts.get(index));
        }
        Broadcast<Map<String, Concept>> drugs = spark.broadcast(medications);

        List<FileReading.Part> indexParts = collect(tasks(indexFiles)
                .map(file -> FileReading.index(file.open(), strictly, rules(text).candidates(), drugs.value(), rules(text).keep())));
        Set<String> possible = new HashSet<>();
        for (int index = 0; index < indexFiles.size(); index++) {
            possible.addAll(indexParts.get(index).mayBeCandidates());
            partsByFile.computeIfAbsent(indexFiles.get(index).order(), key -> new ArrayList<>()).add(indexParts.get(index));
        }
        Broadcast<Set<String>> candidates = spark.broadcast(possible);

        JavaPairRDD<Integer, FileReading.Part> read = tasks(others)
                .mapToPair(file -> new Tuple2<>(file.order(), FileReading.rest(file.open(), strictly, rules(text).candidates(), candidates.value(),
                        drugs.value(), rules(text).keep())))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // Counts and skipped lines of every file, without its patients.
            for (Tuple2<Integer, FileReading.Part> part : collect(read.mapValues(
                    part -> new FileReading.Part(part.counts(), part.skippedRows(), Map.of(), Set.of(), Map.of())))) {
                partsByFile.computeIfAbsent(part._1(), key -> new ArrayList<>()).add(part._2());
            }
            List<Decided> decided = collect(decide(read, candidates));
            GenericFlow flow = new GenericFlow();
            try (Writer skipped = Files.newBufferedWriter(temporary.resolve("skipped.csv"), StandardCharsets.UTF_8)) {
                skipped.write("file,line,reason,detail\n");
                for (List<FileReading.Part> parts : partsByFile.values()) {
                    TreeMap<Long, String> rows = new TreeMap<>();
                    for (FileReading.Part part : parts) {
                        FileReading.countInto(part, flow);
                        rows.putAll(part.skippedRows());
                    }
                    for (String row : rows.values()) {
                        skipped.write(row);
                    }
                }
            }
            FileReading.finish(flow);
            GenericScreening.Result result = result(screening, decided, flow);
            screening.write(result, temporary);
            return result;
        }
        finally {
            read.unpersist(false);
            drugs.destroy();
            candidates.destroy();
        }
    }

    /**
     * Groups each possible candidate's parts by patient, merges them in file order and decides the
     * patient; a patient is one when some file holds a kept record or its Patient resource, as in the local reader.
     */
    private JavaRDD<Decided> decide(JavaPairRDD<Integer, FileReading.Part> read, Broadcast<Set<String>> candidates)
    {
        ProtocolText text = protocol;
        JavaPairRDD<String, Tuple2<Integer, FileReading.PatientPart>> parts = read.flatMapToPair(file -> {
            Set<String> possible = candidates.value();
            List<Tuple2<String, Tuple2<Integer, FileReading.PatientPart>>> out = new ArrayList<>();
            file._2().patients().forEach((patientId, part) -> {
                if (possible.contains(patientId)) {
                    out.add(new Tuple2<>(patientId, new Tuple2<>(file._1(), part)));
                }
            });
            return out.iterator();
        });
        JavaPairRDD<String, Iterable<Tuple2<Integer, FileReading.PatientPart>>> grouped = patientPartitions > 0
                ? parts.groupByKey(patientPartitions) : parts.groupByKey();
        return grouped.flatMap(patient -> {
            List<Tuple2<Integer, FileReading.PatientPart>> inOrder = new ArrayList<>();
            patient._2().forEach(inOrder::add);
            // Stable: a file's two readings (index files) never both hold a patient's part.
            inOrder.sort(Comparator.comparing(Tuple2::_1));
            List<FileReading.PatientPart> ordered = inOrder.stream().map(Tuple2::_2).toList();
            if (ordered.stream().allMatch(part -> part.records().isEmpty() && part.patientSource() == null)) {
                return List.<Decided>of().iterator();
            }
            return decided(text, FileReading.patient(patient._1(), ordered)).iterator();
        });
    }

    /** A patient's decision, and case when included, by the protocol's rules in this JVM; nothing for a patient who is no candidate. */
    private static List<Decided> decided(ProtocolText protocol, GenericPatient patient)
    {
        GenericScreening screening = rules(protocol).screening();
        GenericDecision decision = screening.decide(patient);
        if (!decision.isCandidate()) {
            return List.of();
        }
        GenericCase extracted = decision.isIncluded() ? screening.extract(patient, decision) : null;
        return List.of(new Decided(withoutMatches(decision), extracted));
    }

    /**
     * The decision without the code-set entries its records matched, which the outputs do not
     * use and which are not serializable (they hold the compiled code sets).
     */
    private static GenericDecision withoutMatches(GenericDecision decision)
    {
        RecordMatcher.Hit index = decision.index() == null ? null : new RecordMatcher.Hit(decision.index().record(), null, decision.index().evidence());
        return new GenericDecision(decision.patientId(), decision.status(), index, decision.stay(), decision.failedCriterion(), decision.criteriaMet(),
                decision.evidence(), Map.of(), Map.of(), decision.dayZero());
    }

    /** One task per file (a bulk export splits each type into files; the file is the unit of work). */
    private JavaRDD<ExportFile> tasks(List<ExportFile> files)
    {
        return spark.parallelize(files, Math.max(1, files.size()));
    }

    /** Collects a job's results; a task's CasebookException (a strict run's bad line, an unreadable file) is rethrown as itself. */
    private static <T> List<T> collect(JavaRDD<T> rdd)
    {
        try {
            return rdd.collect();
        }
        catch (Exception e) {
            // Spark throws its (checked) SparkException from Scala, undeclared.
            throw unwrap(e);
        }
    }

    private static <K, V> List<Tuple2<K, V>> collect(JavaPairRDD<K, V> rdd)
    {
        try {
            return rdd.collect();
        }
        catch (Exception e) {
            // Spark throws its (checked) SparkException from Scala, undeclared.
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(Exception e)
    {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CasebookException casebook) {
                return new CasebookException(casebook.errorCode(), casebook.getMessage(), e);
            }
        }
        if (e instanceof SparkException) {
            return new CasebookException(ErrorCode.INTERNAL, "the Spark job failed: " + firstLine(e.getMessage()), e);
        }
        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }

    private static String firstLine(String message)
    {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
