package org.casebook.casedata;

public enum SmokingStatus
{
    NEVER, FORMER, CURRENT;

    public String label()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
