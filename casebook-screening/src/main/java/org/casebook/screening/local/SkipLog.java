package org.casebook.screening.local;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;

/**
 * Lines screening parsed and could not use: counted by reason and listed in {@code skipped.csv}
 * (file, line, reason, detail); in strict mode the first one stops the run with its file and line.
 */
final class SkipLog
{
    private final Writer out;
    private final boolean strict;
    private final Flow flow;

    SkipLog(Writer out, boolean strict, Flow flow)
            throws IOException
    {
        this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out);
        this.strict = strict;
        this.flow = flow;
        this.out.write("file,line,reason,detail\n");
    }

    /** A skipped line, kept by a worker thread until its file's results are merged. */
    record Skip(String file, long line, String reason, String detail) {}

    void skip(Skip skip)
    {
        skip(skip.file(), skip.line(), skip.reason(), skip.detail());
    }

    void skip(String file, long line, String reason, String detail)
    {
        if (strict) {
            throw new CasebookException(ErrorCode.BAD_INPUT, file + " line " + line + ": " + reason.replace('_', ' ') + (detail.isEmpty() ? "" : " (" + detail + ")")
                    + "; without --strict such lines are skipped and listed in skipped.csv");
        }
        Flow.increment(flow.linesSkipped, reason);
        try {
            out.write(Csv.row(file, Long.toString(line), reason, detail));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void close()
            throws IOException
    {
        out.close();
    }
}
