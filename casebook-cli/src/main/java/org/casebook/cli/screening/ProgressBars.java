package org.casebook.cli.screening;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.casebook.screening.local.ProgressListener;

/** Shows a long job's progress with rate on standard error; {@code --quiet} turns it off. */
final class ProgressBars
        implements ProgressListener
{
    private ProgressBar bar;

    static ProgressListener of(boolean quiet)
    {
        return quiet ? ProgressListener.NONE : new ProgressBars();
    }

    @Override
    public void start(String task, long total, Unit unit)
    {
        finish();
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .showSpeed()
                .setUpdateIntervalMillis(500);
        if (unit == Unit.BYTES) {
            builder.setUnit(" MB", 1_000_000);
        }
        bar = builder.build();
    }

    @Override
    public void advance(long amount)
    {
        if (bar != null) {
            bar.stepBy(amount);
        }
    }

    @Override
    public void finish()
    {
        if (bar != null) {
            bar.stepTo(bar.getMax());
            bar.close();
            bar = null;
        }
    }
}
