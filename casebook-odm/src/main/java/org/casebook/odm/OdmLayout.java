package org.casebook.odm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.TimePoint;
import org.casebook.protocol.VariableSpec;
import org.casebook.redcap.RedcapLayout;
import org.casebook.schema.CaseField;
import org.casebook.schema.FieldKind;

/**
 * How a protocol's case workbook is laid out in ODM (docs/odm.md): one study event for the case
 * ({@value #CASE_EVENT}: the case form and the repeating adverse-event form) and one per time
 * point ({@code SE.<timepoint>}: the measurements form, a value, date and source item per
 * variable, and the CT form: the CT study and the CT reads, one repeating item group each). Every
 * item group has a {@code SOURCE} item carrying the workbook's {@code source} column, so nothing
 * of a workbook is lost.
 */
final class OdmLayout
{
    static final String CASE_EVENT = "SE.CASE";
    static final String SOURCE = "SOURCE";
    static final String YES_NO_CODES = "CL.YESNO";

    /** What an item holds: a workbook column of its group's sheet, or (measurements) a variable's value, date or source. */
    enum Role { COLUMN, VALUE, DATE, SOURCE }

    record Item(String oid, String name, String label, CaseField spec, Role role, String column, String variable, String unit) {}

    record Group(String oid, String name, String sheet, boolean repeating, List<Item> items) {}

    record Form(String oid, String name, boolean repeating, List<Group> groups) {}

    record Event(String oid, String name, String timepoint, List<Form> forms) {}

    private final StudyProtocol protocol;
    private final List<Event> events = new ArrayList<>();
    private final Map<String, Item> items = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Form> forms = new LinkedHashMap<>();
    private final Map<String, Group> groupOfItem = new LinkedHashMap<>();

    /**
     * @param ichikado whether the CT form has the Ichikado reads group
     * @param kazerooni whether it has the Kazerooni reads group
     */
    OdmLayout(StudyProtocol protocol, boolean ichikado, boolean kazerooni)
    {
        this.protocol = protocol;
        Group caseGroup = group("IG.CASE", "Case", "cases", false, RedcapLayout.columns(protocol, "cases"), "I.CASE.");
        Group adverseEvents = group("IG.AE", "Adverse event", "adverse_events", true, RedcapLayout.columns(protocol, "adverse_events"), "I.AE.");
        Form caseForm = form(new Form("F.CASE", "Case", false, List.of(caseGroup)));
        Form aeForm = form(new Form("F.AE", "Adverse events", false, List.of(adverseEvents)));
        events.add(new Event(CASE_EVENT, "Case", null, List.of(caseForm, aeForm)));

        List<Item> measurementItems = new ArrayList<>();
        for (VariableSpec variable : protocol.variables()) {
            CaseField value = new CaseField(variable.name(), variable.label(), FieldKind.NUMBER, false, null, variable.unit(), BigDecimal.valueOf(variable.min()),
                    BigDecimal.valueOf(variable.max()), List.of(), null, List.of(), CaseField.DEFAULT_MAX_LENGTH, null);
            measurementItems.add(new Item("I.MX." + variable.name(), variable.name(), variable.label(), value, Role.VALUE, "value", variable.name(), variable.unit()));
            measurementItems.add(new Item("I.MX." + variable.name() + ".DATE", variable.name() + "_date", variable.label() + ": date",
                    CaseField.simple("date", "Date", FieldKind.DATE), Role.DATE, "date", variable.name(), null));
            measurementItems.add(new Item("I.MX." + variable.name() + "." + SOURCE, variable.name() + "_source", variable.label() + ": source",
                    CaseField.simple("source", "Source", FieldKind.TEXT), Role.SOURCE, "source", variable.name(), null));
        }
        Group measurements = register(new Group("IG.MX", "Measurements", "measurements", false, measurementItems));
        List<Group> ctGroups = new ArrayList<>();
        Map<String, CaseField> ctStudy = new LinkedHashMap<>(RedcapLayout.columns(protocol, "ct_studies"));
        ctStudy.remove("timepoint");
        ctGroups.add(group("IG.CTS", "CT study", "ct_studies", false, ctStudy, "I.CTS."));
        if (ichikado) {
            Map<String, CaseField> reads = new LinkedHashMap<>(RedcapLayout.columns(protocol, "ct_reads"));
            reads.remove("timepoint");
            ctGroups.add(group("IG.CTR", "CT read (Ichikado zone)", "ct_reads", true, reads, "I.CTR."));
        }
        if (kazerooni) {
            Map<String, CaseField> reads = new LinkedHashMap<>(RedcapLayout.columns(protocol, "ct_reads_kazerooni"));
            reads.remove("timepoint");
            ctGroups.add(group("IG.CTK", "CT read (Kazerooni lobe)", "ct_reads_kazerooni", true, reads, "I.CTK."));
        }
        Form measurementForm = form(new Form("F.MX", "Measurements", false, List.of(measurements)));
        Form ctForm = form(new Form("F.CT", "CT", false, ctGroups));
        for (TimePoint timepoint : protocol.timepoints()) {
            events.add(new Event(timepointEvent(timepoint.name()), timepoint.label(), timepoint.name(), List.of(measurementForm, ctForm)));
        }
    }

    static String timepointEvent(String timepoint)
    {
        return "SE." + timepoint;
    }

    private Group group(String oid, String name, String sheet, boolean repeating, Map<String, CaseField> columns, String prefix)
    {
        List<Item> list = new ArrayList<>();
        columns.forEach((column, spec) -> list.add(new Item(prefix + column, column, spec.label(), spec, Role.COLUMN, column, null, spec.unit())));
        list.add(new Item(prefix + SOURCE, "source", "Source", CaseField.simple("source", "Source", FieldKind.TEXT), Role.SOURCE, "source", null, null));
        return register(new Group(oid, name, sheet, repeating, list));
    }

    private Group register(Group group)
    {
        groups.put(group.oid(), group);
        for (Item item : group.items()) {
            items.put(item.oid(), item);
            groupOfItem.put(item.oid(), group);
        }
        return group;
    }

    private Form form(Form form)
    {
        forms.put(form.oid(), form);
        return form;
    }

    StudyProtocol protocol()
    {
        return protocol;
    }

    List<Event> events()
    {
        return events;
    }

    List<Form> forms()
    {
        return List.copyOf(forms.values());
    }

    List<Group> groups()
    {
        return List.copyOf(groups.values());
    }

    List<Item> items()
    {
        return List.copyOf(items.values());
    }

    Optional<Event> findEvent(String oid)
    {
        return events.stream().filter(event -> event.oid().equals(oid)).findFirst();
    }

    Optional<Form> findForm(String oid)
    {
        return Optional.ofNullable(forms.get(oid));
    }

    Optional<Group> findGroup(String oid)
    {
        return Optional.ofNullable(groups.get(oid));
    }

    Optional<Item> findItem(String oid)
    {
        return Optional.ofNullable(items.get(oid));
    }

    Group groupOf(Item item)
    {
        return groupOfItem.get(item.oid());
    }

    Group group(String oid)
    {
        return groups.get(oid);
    }

    /** The item of a group's sheet column ({@code IG.CTS}, {@code date}). */
    Item item(Group group, String column)
    {
        return group.items().stream().filter(item -> item.column().equals(column) && item.variable() == null).findFirst().orElseThrow();
    }

    /** The code list OID of an item with choices, if it has any. */
    static Optional<String> codeList(Item item)
    {
        return switch (item.spec().kind()) {
            case YES_NO -> Optional.of(YES_NO_CODES);
            case CATEGORY, AGENT -> Optional.of("CL." + item.oid().substring(2));
            default -> Optional.empty();
        };
    }

    static String dataType(CaseField spec)
    {
        return switch (spec.kind()) {
            case DATE -> "date";
            case NUMBER -> "float";
            case INTEGER -> "integer";
            case YES_NO, CATEGORY, AGENT, TEXT -> "text";
        };
    }
}
