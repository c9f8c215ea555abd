package org.casebook.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time so far, from /proc (Linux): what the load test compares per save. */
final class ProcessCpu
{
    private ProcessCpu() {}

    /** User and system time of process {@code pid} (all its threads) in milliseconds; -1 where /proc has none. */
    static long millis(long pid)
    {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime, fields 14 and 15 of stat (11 and 12 after the command), in clock ticks of 10 ms
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        }
        catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
