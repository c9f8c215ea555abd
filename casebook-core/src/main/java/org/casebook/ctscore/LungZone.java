package org.casebook.ctscore;

import java.util.Arrays;
import java.util.Optional;

/**
 * The six Ichikado zones, three per lung: upper (above the carina), middle (carina to the
 * inferior pulmonary veins), lower (below them).
 */
public enum LungZone
{
    RU("right upper"), RM("right middle"), RL("right lower"),
    LU("left upper"), LM("left middle"), LL("left lower");

    private final String label;

    LungZone(String label)
    {
        this.label = label;
    }

    public String label()
    {
        return label;
    }

    /** Accepts the workbook code (RU, rm, …). */
    public static Optional<LungZone> fromCode(String code)
    {
        return Arrays.stream(values()).filter(zone -> zone.name().equalsIgnoreCase(code.strip())).findFirst();
    }
}
