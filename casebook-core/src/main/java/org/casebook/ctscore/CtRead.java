package org.casebook.ctscore;

/** One reader's complete read of one scan, scored by the system it belongs to. */
public interface CtRead
{
    ScanRef scan();

    String reader();

    CtScore score();

    /** The read's values by region and item, as the reading form and the store hold them. */
    ReadGrid grid();
}
