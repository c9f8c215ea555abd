package org.casebook.redcap;

import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import static java.util.Objects.requireNonNull;

/**
 * REDCap's project XML (CDISC ODM 1.3.1 with REDCap's extensions, as *Create new project → Upload
 * a REDCap project XML file* reads it): the dictionary's instruments, fields, choices and ranges,
 * the repeating instruments switched on, and the records as {@code ClinicalData}. One upload
 * creates the project with its data, without the manual repeating-instrument step.
 */
final class RedcapProjectXml
{
    private static final String ODM = "http://www.cdisc.org/ns/odm/v1.3";
    private static final String REDCAP = "https://projectredcap.org";
    private static final String CLASSIC_EVENT = "event_1_arm_1";

    private final String studyName;
    private final DataDictionary dictionary;
    private final List<String> repeatingForms;

    RedcapProjectXml(String studyName, DataDictionary dictionary, List<String> repeatingForms)
    {
        this.studyName = requireNonNull(studyName, "studyName is null");
        this.dictionary = requireNonNull(dictionary, "dictionary is null");
        this.repeatingForms = List.copyOf(repeatingForms);
    }

    /** @param records the rows of records.csv (record_id, redcap_repeat_instrument, redcap_repeat_instance, fields) */
    String write(CsvTable records, LocalDateTime now)
    {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            String timestamp = now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
            String oid = "Project." + studyName.replaceAll("[^A-Za-z0-9]", "");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("ODM");
            xml.writeDefaultNamespace(ODM);
            xml.writeNamespace("redcap", REDCAP);
            attributes(xml, "ODMVersion", "1.3.1", "FileOID", "casebook", "FileType", "Snapshot", "Description", studyName, "AsOfDateTime", timestamp,
                    "CreationDateTime", timestamp, "SourceSystem", "casebook");
            xml.writeStartElement("Study");
            xml.writeAttribute("OID", oid);
            globalVariables(xml);
            metadata(xml);
            xml.writeEndElement();
            clinicalData(xml, records, oid);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        }
        catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the project XML", e);
        }
        return text.toString();
    }

    private void globalVariables(XMLStreamWriter xml)
            throws XMLStreamException
    {
        xml.writeStartElement("GlobalVariables");
        element(xml, "StudyName", studyName);
        element(xml, "StudyDescription", "The casebook protocol " + studyName + " as a REDCap project.");
        element(xml, "ProtocolName", studyName);
        xml.writeStartElement(REDCAP, "RepeatingInstrumentsAndEvents");
        xml.writeStartElement(REDCAP, "RepeatingInstruments");
        for (String form : repeatingForms) {
            xml.writeEmptyElement(REDCAP, "RepeatingInstrument");
            xml.writeAttribute(REDCAP, "UniqueEventName", CLASSIC_EVENT);
            xml.writeAttribute(REDCAP, "RepeatInstrument", form);
            xml.writeAttribute(REDCAP, "CustomLabel", "");
        }
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private void metadata(XMLStreamWriter xml)
            throws XMLStreamException
    {
        xml.writeStartElement("MetaDataVersion");
        attributes(xml, "OID", "Metadata." + studyName.replaceAll("[^A-Za-z0-9]", ""), "Name", studyName);
        xml.writeAttribute(REDCAP, "RecordIdField", RedcapLayout.RECORD_ID);
        for (String form : dictionary.forms()) {
            xml.writeStartElement("FormDef");
            attributes(xml, "OID", "Form." + form, "Name", form, "Repeating", "No");
            xml.writeAttribute(REDCAP, "FormName", form);
            itemGroupRef(xml, group(form));
            itemGroupRef(xml, form + "." + form + "_complete");
            xml.writeEndElement();
        }
        for (String form : dictionary.forms()) {
            xml.writeStartElement("ItemGroupDef");
            attributes(xml, "OID", group(form), "Name", form, "Repeating", "No");
            for (DictionaryField field : fieldsOf(form)) {
                itemRef(xml, field.fieldName());
            }
            xml.writeEndElement();
            xml.writeStartElement("ItemGroupDef");
            attributes(xml, "OID", form + "." + form + "_complete", "Name", "Form Status", "Repeating", "No");
            itemRef(xml, form + "_complete");
            xml.writeEndElement();
        }
        for (String form : dictionary.forms()) {
            for (DictionaryField field : fieldsOf(form)) {
                itemDef(xml, field);
            }
            completeItemDef(xml, form);
        }
        for (DictionaryField field : dictionary.fields()) {
            if (field.hasChoices()) {
                codeList(xml, field.fieldName(), field.choiceList());
            }
        }
        for (String form : dictionary.forms()) {
            codeList(xml, form + "_complete", List.of(new DictionaryField.Choice("0", "Incomplete"), new DictionaryField.Choice("1", "Unverified"),
                    new DictionaryField.Choice("2", "Complete")));
        }
        xml.writeEndElement();
    }

    private void itemDef(XMLStreamWriter xml, DictionaryField field)
            throws XMLStreamException
    {
        xml.writeStartElement("ItemDef");
        attributes(xml, "OID", field.fieldName(), "Name", field.fieldName(), "DataType", dataType(field), "Length", field.hasChoices() ? "1" : "999");
        xml.writeAttribute(REDCAP, "Variable", field.fieldName());
        xml.writeAttribute(REDCAP, "FieldType", field.fieldType().equals("dropdown") ? "select" : field.fieldType().equals("notes") ? "textarea" : field.fieldType());
        Map<String, String> extras = new LinkedHashMap<>();
        extras.put("TextValidationType", switch (field.validation()) {
            case "number" -> "float";
            case "integer" -> "int";
            default -> field.validation();
        });
        extras.put("FieldNote", field.fieldNote());
        extras.put("Identifier", field.identifier());
        extras.put("RequiredField", field.requiredField());
        for (Map.Entry<String, String> extra : extras.entrySet()) {
            if (!extra.getValue().isEmpty()) {
                xml.writeAttribute(REDCAP, extra.getKey(), extra.getValue());
            }
        }
        xml.writeStartElement("Question");
        element(xml, "TranslatedText", field.fieldLabel());
        xml.writeEndElement();
        rangeCheck(xml, "GE", field.validationMin());
        rangeCheck(xml, "LE", field.validationMax());
        if (field.hasChoices()) {
            xml.writeEmptyElement("CodeListRef");
            xml.writeAttribute("CodeListOID", field.fieldName() + ".choices");
        }
        xml.writeEndElement();
    }

    private static void completeItemDef(XMLStreamWriter xml, String form)
            throws XMLStreamException
    {
        xml.writeStartElement("ItemDef");
        attributes(xml, "OID", form + "_complete", "Name", form + "_complete", "DataType", "text", "Length", "1");
        xml.writeAttribute(REDCAP, "Variable", form + "_complete");
        xml.writeAttribute(REDCAP, "FieldType", "select");
        xml.writeAttribute(REDCAP, "SectionHeader", "Form Status");
        xml.writeStartElement("Question");
        element(xml, "TranslatedText", "Complete?");
        xml.writeEndElement();
        xml.writeEmptyElement("CodeListRef");
        xml.writeAttribute("CodeListOID", form + "_complete.choices");
        xml.writeEndElement();
    }

    private static void rangeCheck(XMLStreamWriter xml, String comparator, String value)
            throws XMLStreamException
    {
        if (value.isEmpty()) {
            return;
        }
        xml.writeStartElement("RangeCheck");
        attributes(xml, "Comparator", comparator, "SoftHard", "Soft");
        element(xml, "CheckValue", value);
        xml.writeEndElement();
    }

    private static void codeList(XMLStreamWriter xml, String field, List<DictionaryField.Choice> choices)
            throws XMLStreamException
    {
        xml.writeStartElement("CodeList");
        attributes(xml, "OID", field + ".choices", "Name", field, "DataType", "text");
        xml.writeAttribute(REDCAP, "Variable", field);
        for (DictionaryField.Choice choice : choices) {
            xml.writeStartElement("CodeListItem");
            xml.writeAttribute("CodedValue", choice.code());
            xml.writeStartElement("Decode");
            element(xml, "TranslatedText", choice.label());
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private void clinicalData(XMLStreamWriter xml, CsvTable records, String studyOid)
            throws XMLStreamException
    {
        xml.writeStartElement("ClinicalData");
        attributes(xml, "StudyOID", studyOid, "MetaDataVersionOID", "Metadata." + studyName.replaceAll("[^A-Za-z0-9]", ""));
        String subject = null;
        for (CsvTable.Row row : records.rows()) {
            String record = row.cell(RedcapLayout.RECORD_ID);
            if (!record.equals(subject)) {
                if (subject != null) {
                    xml.writeEndElement();
                }
                subject = record;
                xml.writeStartElement("SubjectData");
                xml.writeAttribute("SubjectKey", record);
                xml.writeAttribute(REDCAP, "RecordIdField", RedcapLayout.RECORD_ID);
            }
            String instrument = row.cell("redcap_repeat_instrument");
            List<String> forms = instrument.isEmpty() ? dictionary.forms().stream().filter(form -> !repeatingForms.contains(form)).toList() : List.of(instrument);
            String repeatKey = instrument.isEmpty() ? "1" : row.cell("redcap_repeat_instance");
            for (String form : forms) {
                formData(xml, row, form, repeatKey);
            }
        }
        if (subject != null) {
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private void formData(XMLStreamWriter xml, CsvTable.Row row, String form, String repeatKey)
            throws XMLStreamException
    {
        xml.writeStartElement("FormData");
        attributes(xml, "FormOID", "Form." + form, "FormRepeatKey", repeatKey);
        xml.writeStartElement("ItemGroupData");
        attributes(xml, "ItemGroupOID", group(form), "ItemGroupRepeatKey", "1");
        for (DictionaryField field : fieldsOf(form)) {
            String value = row.cell(field.fieldName());
            if (!value.isEmpty()) {
                xml.writeEmptyElement("ItemData");
                attributes(xml, "ItemOID", field.fieldName(), "Value", value);
            }
        }
        xml.writeEndElement();
        xml.writeStartElement("ItemGroupData");
        attributes(xml, "ItemGroupOID", form + "." + form + "_complete", "ItemGroupRepeatKey", "1");
        xml.writeEmptyElement("ItemData");
        attributes(xml, "ItemOID", form + "_complete", "Value", row.cell(form + "_complete"));
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private List<DictionaryField> fieldsOf(String form)
    {
        List<DictionaryField> fields = new ArrayList<>();
        dictionary.fields().stream().filter(field -> field.formName().equals(form)).forEach(fields::add);
        return fields;
    }

    private String group(String form)
    {
        return form + "." + fieldsOf(form).get(0).fieldName();
    }

    private static String dataType(DictionaryField field)
    {
        return switch (field.validation()) {
            case "date_ymd" -> "date";
            case "number" -> "float";
            case "integer" -> "integer";
            default -> "text";
        };
    }

    private static void itemGroupRef(XMLStreamWriter xml, String oid)
            throws XMLStreamException
    {
        xml.writeEmptyElement("ItemGroupRef");
        attributes(xml, "ItemGroupOID", oid, "Mandatory", "No");
    }

    private static void itemRef(XMLStreamWriter xml, String oid)
            throws XMLStreamException
    {
        xml.writeEmptyElement("ItemRef");
        attributes(xml, "ItemOID", oid, "Mandatory", "No");
        xml.writeAttribute(REDCAP, "Variable", oid);
    }

    private static void element(XMLStreamWriter xml, String name, String text)
            throws XMLStreamException
    {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void attributes(XMLStreamWriter xml, String... namesAndValues)
            throws XMLStreamException
    {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            xml.writeAttribute(namesAndValues[i], namesAndValues[i + 1]);
        }
    }
}
