package org.casebook.casedata;

public enum Sex
{
    F, M
}
