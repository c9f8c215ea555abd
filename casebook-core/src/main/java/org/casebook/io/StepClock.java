package org.casebook.io;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Marks of a command's steps, for finding where a cold run's time goes: with {@code -Dcasebook.steps}
 * (e.g. {@code CASEBOOK_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dcasebook.steps"}), each
 * mark prints to standard error the time since the JVM started, the process's CPU time and the
 * marking thread's; the last ({@link #EXIT}) also each live thread's CPU time by name (Linux,
 * from {@code /proc}: the JIT compiler and the collector's threads among them). Without it, a mark
 * costs a field read (docs/screening.md, "Whole-process benchmark").
 */
public final class StepClock
{
    /** The mark just before the process exits. */
    public static final String EXIT = "exit";

    private static final boolean ON = System.getProperty("casebook.steps") != null;

    private StepClock() {}

    public static void mark(String step)
    {
        if (!ON) {
            return;
        }
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
        long thread = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
        System.err.printf("step %-28s wall %6d ms  cpu %6d ms  thread %6d ms%n", step, uptime, process, thread);
        if (step.equals(EXIT)) {
            threads().forEach((name, millis) -> System.err.printf("  thread %-24s %6d ms%n", name, millis));
        }
    }

    /** CPU milliseconds of the live threads by name (numbered ones together), none where there is no {@code /proc}. */
    private static Map<String, Long> threads()
    {
        Map<String, Long> byName = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String stat = Files.readString(task.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9#]+$", "");
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime and stime, in clock ticks of 10 ms
                byName.merge(name, ticks * 10, Long::sum);
            }
        }
        catch (IOException | RuntimeException e) {
            return Map.of();
        }
        byName.values().removeIf(millis -> millis == 0);
        return byName;
    }
}
