package org.casebook.store.study;

/**
 * A user's role within one study. Admin is not among them: it is site-wide (users and studies),
 * stored on the account.
 */
public enum StudyRole
{
    /** Completes and confirms cases, imports workbooks, attaches CT accession codes, sees agreement. */
    INVESTIGATOR,
    /** Scores only the CTs on their own worklist, blinded; optionally adjudicates disagreements. */
    READER,
    /** Sees de-identified results only. */
    ANALYST
}
