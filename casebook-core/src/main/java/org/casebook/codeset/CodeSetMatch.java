package org.casebook.codeset;

import static java.util.Objects.requireNonNull;

/** A record matched a code set through this entry; {@code byText} marks matches by a text term, which screening logs as such. */
public record CodeSetMatch(CodeSet codeSet, CodeSetEntry entry, boolean byText)
{
    public CodeSetMatch
    {
        requireNonNull(codeSet, "codeSet is null");
        requireNonNull(entry, "entry is null");
    }
}
