package org.casebook.screening.bench;

import java.nio.file.Path;

/**
 * Runs one benchmark baseline as a process of its own, for the whole-process benchmark
 * ({@code bench/screen-cold.sh}): {@code java -cp … org.casebook.screening.bench.RunBaseline CLASS EXTRACT}
 * prints the baseline's note (what it found) and nothing else.
 */
public final class RunBaseline
{
    private RunBaseline() {}

    public static void main(String[] args)
            throws Exception
    {
        if (args.length != 2) {
            System.err.println("usage: RunBaseline <Baseline class> <extract folder>");
            System.exit(2);
        }
        Baseline baseline = (Baseline) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        System.out.println(baseline.run(Path.of(args[1])));
    }
}
