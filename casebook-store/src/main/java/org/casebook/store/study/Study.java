package org.casebook.store.study;

import static java.util.Objects.requireNonNull;

/**
 * A study: a name, the protocol it follows (a built-in name or a file path) and the CT reader
 * disagreement, in score points, above which a scan goes to adjudication (default 30).
 */
public record Study(long id, String name, String protocol, double adjudicationThreshold)
{
    public static final double DEFAULT_ADJUDICATION_THRESHOLD = 30;

    public Study
    {
        requireNonNull(name, "name is null");
        requireNonNull(protocol, "protocol is null");
    }
}
