package org.casebook.ctscore;

import static java.util.Objects.requireNonNull;

/** A part of the lungs a reader scores on its own: an Ichikado zone ({@code RU}), a Kazerooni lobe ({@code RUL}). */
public record ReadRegion(String code, String label)
{
    public ReadRegion
    {
        requireNonNull(code, "code is null");
        requireNonNull(label, "label is null");
    }
}
