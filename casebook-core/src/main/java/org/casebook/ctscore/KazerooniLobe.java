package org.casebook.ctscore;

import java.util.Arrays;
import java.util.Optional;

/** The five lobes of the Kazerooni score; the lingula is scored with the left upper lobe. */
public enum KazerooniLobe
{
    RUL("right upper lobe"), RML("right middle lobe"), RLL("right lower lobe"),
    LUL("left upper lobe with lingula"), LLL("left lower lobe");

    private final String label;

    KazerooniLobe(String label)
    {
        this.label = label;
    }

    public String label()
    {
        return label;
    }

    public static Optional<KazerooniLobe> fromCode(String code)
    {
        return Arrays.stream(values()).filter(lobe -> lobe.name().equalsIgnoreCase(code.strip())).findFirst();
    }
}
