package org.casebook.screening.bench;

import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.casebook.screening.generic.GenericScreening;
import org.casebook.screening.local.ExtractFile;
import org.casebook.screening.local.ProgressListener;

/**
 * Times several ways of reading the same extract in one JVM, one after another: MB/s, resources/s
 * and peak heap of each. The extract should be uncompressed and already in the page cache (the
 * benchmark reads it once before timing).
 */
public final class ScreenBenchmark
{
    /** One row of the results table. */
    public record Result(String name, double seconds, double cpuSeconds, long bytes, long resources, long peakHeapBytes, double coldSeconds, String note)
    {
        public double megabytesPerSecond()
        {
            return bytes / 1e6 / seconds;
        }

        public double resourcesPerSecond()
        {
            return resources / seconds;
        }
    }

    private ScreenBenchmark() {}

    /** casebook's screen as a baseline row. */
    public static Baseline casebookScreen(GenericScreening screening)
    {
        return new Baseline()
        {
            @Override
            public String name()
            {
                return "casebook screen";
            }

            @Override
            public String run(Path folder)
                    throws Exception
            {
                GenericScreening.Result result = screening.run(folder, Writer.nullWriter());
                return result.cases().size() + " included, " + result.flow().resourcesRead().values().stream().mapToLong(Long::longValue).sum() + " resources parsed, "
                        + result.flow().linesPassedOver().values().stream().mapToLong(Long::longValue).sum() + " lines passed over";
            }
        };
    }

    /** The rows: casebook's screen, the Jackson floor, then every baseline on the class path (HAPI FHIR, DuckDB). */
    public static List<Baseline> baselines(GenericScreening screening)
    {
        List<Baseline> baselines = new ArrayList<>(List.of(casebookScreen(screening), new JacksonParseFloor()));
        ServiceLoader.load(Baseline.class).forEach(baselines::add);
        return baselines;
    }

    /**
     * Runs each reader {@code runs} times in a row: the first (cold: JIT compilation included) is
     * reported as its cold wall time, the first half are warm-up, and the run with the median wall
     * time of the rest is reported (CPU and note of that run; peak heap over the measured runs), as
     * JMH does with warm-up and measurement iterations.
     */
    public static List<Result> run(Path folder, List<Baseline> baselines, long resources, int runs, ProgressListener progress)
            throws Exception
    {
        long bytes = ExtractFile.list(folder).stream().mapToLong(ExtractFile::size).sum();
        new JacksonParseFloor().run(folder);
        int warmups = runs / 2;
        List<Result> results = new ArrayList<>();
        progress.start("bench: baselines", (long) baselines.size() * runs, ProgressListener.Unit.PATIENTS);
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        for (Baseline baseline : baselines) {
            double coldSeconds = Double.NaN;
            List<Result> measured = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                System.gc();
                if (run == warmups) {
                    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
                }
                long start = System.nanoTime();
                long cpuStart = processCpuNanos();
                String note = baseline.run(folder);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
                if (run == 0) {
                    coldSeconds = seconds;
                }
                if (run >= warmups) {
                    measured.add(new Result(baseline.name(), seconds, cpuSeconds, bytes, resources, 0, coldSeconds, note));
                }
                progress.advance(1);
            }
            long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            measured.sort(java.util.Comparator.comparingDouble(Result::seconds));
            Result median = measured.get(measured.size() / 2);
            results.add(new Result(median.name(), median.seconds(), median.cpuSeconds(), bytes, resources, peak, coldSeconds, median.note()));
        }
        progress.finish();
        return results;
    }

    /** CPU time of the whole process (all threads, including native ones such as DuckDB's): robust to other load on the machine. */
    private static long processCpuNanos()
    {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    /** The results as a Markdown table; ratios are the first row's speed over each row's. */
    public static String table(List<Result> results)
    {
        StringBuilder table = new StringBuilder("| reader | wall s | CPU s | MB/s | resources/s | peak heap MB | cold wall s | screen × faster (wall) | screen × faster (CPU) | note |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        Result reference = results.get(0);
        for (Result result : results) {
            table.append(String.format(java.util.Locale.ROOT, "| %s | %.2f | %.2f | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f | %s |%n", result.name(), result.seconds(), result.cpuSeconds(),
                    result.megabytesPerSecond(), result.resourcesPerSecond(), result.peakHeapBytes() / 1e6, result.coldSeconds(),
                    result.seconds() / reference.seconds(), result.cpuSeconds() / reference.cpuSeconds(), result.note()));
        }
        return table.toString();
    }
}
