package org.casebook.screening.generic;

import java.util.List;
import java.util.Optional;

import org.casebook.codeset.CodeSetEntry;
import org.casebook.screening.fhir.Coding;
import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.Quantity;
import org.casebook.screening.generic.RecordMatcher.Hit;

/**
 * What a record behind a criterion is, for a person reviewing the screening (evidence.csv,
 * docs/screening.md): its kind, the code it matched by with a display in words, its date and its
 * value. Every part is empty text when the record has none.
 *
 * @param kind the record's kind as the protocol names kinds ({@code condition}, {@code medication}, …)
 * @param display the record's own display of the matched code when the code set entry is a prefix
 *        ({@code J84.*}: the record is more precise), else the entry's display; else the record's
 *        display or text
 * @param date the record's date as written in the extract
 * @param value an observation's value (its quantity, else its coded value in words), a medication's first dose
 */
public record EvidenceRecord(String kind, String codeSystem, String code, String display, String date, String value, String unit)
        implements java.io.Serializable
{
    /**
     * The record a hit names. An encounter met through a linked Condition's code (its reason) names
     * that Condition, so the Condition is described (found among the patient's records).
     */
    static EvidenceRecord of(Hit hit, GenericPatient patient)
    {
        GenericRecord record = hit.record();
        if (!hit.evidence().equals(record.source())) {
            record = patient.records().stream().filter(one -> one.source().equals(hit.evidence())).findFirst().orElse(record);
        }
        CodeSetEntry entry = hit.match() == null ? null : hit.match().entry();
        Optional<Coding> coding = matchedCoding(record.concepts(), entry);
        String system = coding.map(Coding::system).orElse(entry != null && !entry.isText() ? entry.system() : null);
        String code = coding.map(Coding::code).orElse(entry != null && !entry.isText() ? entry.code() : null);
        return new EvidenceRecord(record.kind(), text(system), text(code), display(record, entry, coding), record.date() == null ? "" : record.date().toString(),
                value(record), unit(record));
    }

    /** The coding the entry matched; for a text entry or none, the record's first coding with a code. */
    private static Optional<Coding> matchedCoding(List<Concept> concepts, CodeSetEntry entry)
    {
        List<Coding> codings = concepts.stream().flatMap(concept -> concept.codings().stream()).filter(coding -> coding.code() != null).toList();
        if (entry != null && !entry.isText()) {
            return codings.stream().filter(coding -> entry.matches(coding.system(), coding.code())).findFirst();
        }
        return codings.stream().findFirst();
    }

    private static String display(GenericRecord record, CodeSetEntry entry, Optional<Coding> coding)
    {
        String own = coding.map(Coding::display).filter(text -> !text.isBlank())
                .orElse(record.concepts().stream().map(Concept::text).filter(text -> text != null && !text.isBlank()).findFirst().orElse(null));
        String listed = entry == null || entry.display() == null || entry.display().isBlank() ? null : entry.display();
        boolean prefix = entry != null && entry.code() != null && entry.code().endsWith("*");
        String chosen = prefix ? firstOf(own, listed) : firstOf(listed, own);
        return text(chosen).strip();
    }

    private static String value(GenericRecord record)
    {
        Quantity quantity = quantity(record);
        if (quantity != null) {
            return quantity.value().toPlainString();
        }
        Concept coded = record.valueConcept();
        if (coded.text() != null && !coded.text().isBlank()) {
            return coded.text().strip();
        }
        return coded.codings().stream().map(Coding::display).filter(text -> text != null && !text.isBlank()).findFirst().orElse("");
    }

    private static String unit(GenericRecord record)
    {
        Quantity quantity = quantity(record);
        if (quantity == null) {
            return "";
        }
        return quantity.unit() != null && !quantity.unit().isBlank() ? quantity.unit().strip() : quantity.unitKey();
    }

    private static Quantity quantity(GenericRecord record)
    {
        if (record.value() != null) {
            return record.value();
        }
        return record.doses().isEmpty() ? null : record.doses().get(0);
    }

    private static String firstOf(String first, String second)
    {
        return first != null ? first : second;
    }

    private static String text(String value)
    {
        return value == null ? "" : value;
    }
}
