package org.casebook.ctscore;

import java.util.Arrays;
import java.util.Optional;

/** The five lobes of the Kazerooni score; the lingula is scored with the left upper lobe. */
public enum KazerooniLobe
{
    RUL, RML, RLL, LUL, LLL;

    public static Optional<KazerooniLobe> fromCode(String code)
    {
        return Arrays.stream(values()).filter(lobe -> lobe.name().equalsIgnoreCase(code.strip())).findFirst();
    }
}
