package org.casebook.screening.fhir;

/** A FHIR Coding; any part may be null in messy records. */
public record Coding(String system, String code, String display) implements java.io.Serializable {}
