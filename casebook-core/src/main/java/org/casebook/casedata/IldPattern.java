package org.casebook.casedata;

import java.util.Arrays;
import java.util.Optional;

/** The radiological ILD pattern on the background CT. */
public enum IldPattern
{
    UIP("UIP"), PROBABLE_UIP("probable UIP"), NSIP("NSIP"), OP("OP"), INDETERMINATE("indeterminate"), OTHER("other");

    private final String label;

    IldPattern(String label)
    {
        this.label = label;
    }

    public String label()
    {
        return label;
    }

    public static Optional<IldPattern> fromLabel(String text)
    {
        return Arrays.stream(values()).filter(pattern -> pattern.label.equalsIgnoreCase(text.strip())).findFirst();
    }
}
