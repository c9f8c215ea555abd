package org.casebook.ctscore;

/** One reader's complete read of one scan, scored by the system it belongs to. */
public interface CtRead
{
    ScanRef scan();

    String reader();

    CtScore score();
}
