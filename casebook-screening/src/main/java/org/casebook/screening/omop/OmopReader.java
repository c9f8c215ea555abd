package org.casebook.screening.omop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.screening.fhir.Coding;
import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.Quantity;
import org.casebook.screening.fhir.RecordRef;
import org.casebook.screening.generic.GenericFlow;
import org.casebook.screening.generic.GenericPatient;
import org.casebook.screening.generic.GenericRecord;
import org.casebook.screening.local.Csv;
import org.casebook.screening.omop.OmopVocabulary.OmopConcept;
import org.casebook.screening.omop.OmopVocabulary.Strength;

/**
 * Reads OMOP CDM v5.4 tables into the generic engine's per-patient records (docs/screening.md,
 * "OMOP CDM input"): the vocabulary first (VOCABULARY, CONCEPT, CONCEPT_ANCESTOR, DRUG_STRENGTH, CDM_SOURCE),
 * then PERSON and DEATH, then the clinical tables, each row checked and turned into a
 * {@link GenericRecord} of the kind the FHIR reader gives its counterpart. A row it cannot use is
 * listed in skipped.csv with its file and line (or stops a strict run); a table without a
 * column it needs is listed once, at its header line.
 */
final class OmopReader
{
    /** The tables read, with the columns each needs. */
    static final Map<String, List<String>> REQUIRED_COLUMNS = requiredColumns();
    /** The other CDM v5.4 tables: their rows are counted as not used. */
    static final Set<String> OTHER_TABLES = Set.of("observation_period", "specimen", "note", "note_nlp", "fact_relationship", "location", "care_site",
            "provider", "payer_plan_period", "cost", "drug_era", "dose_era", "condition_era", "episode", "episode_event", "metadata",
            "domain", "concept_class", "concept_relationship", "relationship", "concept_synonym", "source_to_concept_map", "cohort", "cohort_definition");

    /**
     * OMOP has no record status: a row records what happened. Drug exposures, procedures and
     * device exposures read as {@code completed}, measurements and observations as {@code final},
     * conditions with no verification status, visits as {@code finished} or {@code in-progress}.
     */
    static final String COMPLETED = "completed";
    static final String FINAL = "final";

    private static final Pattern DATE_TIME = Pattern.compile("(\\d{4})-?(\\d{2})-?(\\d{2})(?:[ T](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?");

    private final OmopConventions conventions;
    private final boolean strict;
    private final Writer skipped;
    private final GenericFlow flow;
    private final Predicate<GenericRecord> keep;
    private final OmopDictionary dictionary;
    private final OmopVocabulary vocabulary;
    /** A Spark task's skipped rows by line (null: written to {@code skipped} as they come). */
    private final TreeMap<Long, String> skippedRows;
    final Map<String, Person> persons = new HashMap<>();
    final Map<String, List<GenericRecord>> records = new HashMap<>();
    final Map<String, FhirDate> deaths = new HashMap<>();
    /** The latest day written on each patient's rows of each kind, kept rows or not (the last follow-up, {@code last_record_date}); the first read wins a tie. */
    final Map<String, Map<String, GenericPatient.Dated>> latest = new HashMap<>();
    /** The visit_occurrence ids read, and the visit_occurrence ids VISIT_DETAIL rows name, with how many rows name each. */
    final Set<String> visits = new HashSet<>();
    final Map<String, Long> visitReferences = new HashMap<>();

    /** A PERSON row as screening reads it. */
    record Person(RecordRef source, FhirDate birthDate, String gender) implements java.io.Serializable {}

    /** Why a row is not used: skipped.csv's reason and detail. */
    private static final class Skip
            extends Exception
    {
        final String reason;
        final String detail;

        Skip(String reason, String detail)
        {
            super(reason, null, false, false);
            this.reason = reason;
            this.detail = detail;
        }
    }

    @FunctionalInterface
    private interface RowReader
    {
        void read(OmopTable table, OmopRow row)
                throws Skip, IOException;
    }

    OmopReader(OmopConventions conventions, boolean strict, Writer skipped, GenericFlow flow, Predicate<GenericRecord> keep)
    {
        this(conventions, strict, skipped, flow, keep, null);
    }

    /** @param wanted the codings screening can match (the protocol's code sets): other concepts are kept as ids only; null keeps every concept */
    OmopReader(OmopConventions conventions, boolean strict, Writer skipped, GenericFlow flow, Predicate<GenericRecord> keep, Predicate<Coding> wanted)
    {
        this(conventions, strict, skipped, null, flow, keep, new OmopDictionary(new OmopVocabulary(wanted)));
    }

    /**
     * A reader of the tables that name patients, given the vocabulary read before (a Spark
     * task's): skipped rows are kept in {@code skippedRows} by line.
     */
    OmopReader(OmopConventions conventions, boolean strict, TreeMap<Long, String> skippedRows, GenericFlow flow, Predicate<GenericRecord> keep,
            OmopDictionary dictionary)
    {
        this(conventions, strict, null, skippedRows, flow, keep, dictionary);
    }

    private OmopReader(OmopConventions conventions, boolean strict, Writer skipped, TreeMap<Long, String> skippedRows, GenericFlow flow,
            Predicate<GenericRecord> keep, OmopDictionary dictionary)
    {
        this.dictionary = dictionary;
        this.vocabulary = dictionary.vocabulary;
        this.conventions = conventions;
        this.strict = strict;
        this.skipped = skipped;
        this.skippedRows = skippedRows;
        this.flow = flow;
        this.keep = keep;
    }

    private static Map<String, List<String>> requiredColumns()
    {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        columns.put("vocabulary", List.of("vocabulary_id", "vocabulary_reference"));
        columns.put("concept", List.of("concept_id", "vocabulary_id", "concept_code"));
        columns.put("concept_ancestor", List.of("ancestor_concept_id", "descendant_concept_id"));
        columns.put("drug_strength", List.of("drug_concept_id", "ingredient_concept_id", "amount_value", "amount_unit_concept_id"));
        columns.put("cdm_source", List.of("source_release_date"));
        columns.put("person", List.of("person_id", "gender_concept_id", "year_of_birth"));
        columns.put("death", List.of("person_id", "death_date"));
        columns.put("visit_occurrence", List.of("visit_occurrence_id", "person_id", "visit_concept_id", "visit_start_date", "visit_end_date"));
        columns.put("visit_detail", List.of("visit_detail_id", "person_id", "visit_detail_start_date", "visit_detail_end_date", "visit_occurrence_id"));
        columns.put("condition_occurrence", List.of("condition_occurrence_id", "person_id", "condition_concept_id", "condition_start_date"));
        columns.put("drug_exposure", List.of("drug_exposure_id", "person_id", "drug_concept_id", "drug_exposure_start_date", "drug_type_concept_id"));
        columns.put("measurement", List.of("measurement_id", "person_id", "measurement_concept_id", "measurement_date"));
        columns.put("observation", List.of("observation_id", "person_id", "observation_concept_id", "observation_date"));
        columns.put("procedure_occurrence", List.of("procedure_occurrence_id", "person_id", "procedure_concept_id", "procedure_date"));
        columns.put("device_exposure", List.of("device_exposure_id", "person_id", "device_concept_id", "device_exposure_start_date"));
        return Map.copyOf(columns);
    }

    /**
     * @param tables the source's tables by lower-case CDM name
     * @return every patient named by a PERSON row or a record, by person_id
     */
    Map<String, GenericPatient> read(Map<String, OmopTable> tables)
            throws IOException
    {
        skipped.write("file,line,reason,detail\n");
        readVocabulary(tables);
        for (String name : PATIENT_TABLES) {
            if (tables.containsKey(name)) {
                readTable(tables.get(name), true);
            }
        }
        countMissingVisits(visits, visitReferences, flow);
        for (String name : new java.util.TreeSet<>(tables.keySet())) {
            if (OTHER_TABLES.contains(name)) {
                readTable(tables.get(name), true);
            }
        }
        return patients();
    }

    /** The tables that name patients, in the order they are read (a patient's records are kept in this order, then by line). */
    static final List<String> PATIENT_TABLES = List.of("person", "death", "visit_occurrence", "visit_detail", "condition_occurrence", "drug_exposure",
            "measurement", "observation", "procedure_occurrence", "device_exposure");

    /** The vocabulary tables, read before any other: every row of a clinical table is read through them. */
    static final List<String> VOCABULARY_TABLES = List.of("vocabulary", "concept", "concept_ancestor", "drug_strength", "cdm_source");

    /** VOCABULARY, CONCEPT, CONCEPT_ANCESTOR, DRUG_STRENGTH and CDM_SOURCE, in that order (each needs the ones before). */
    OmopDictionary readVocabulary(Map<String, OmopTable> tables)
            throws IOException
    {
        readTable(tables, "vocabulary", this::vocabulary);
        readTable(tables, "concept", this::concept);
        readTable(tables, "concept_ancestor", this::ancestor);
        readTable(tables, "drug_strength", this::strength);
        readTable(tables, "cdm_source", this::cdmSource);
        vocabulary.sortIds();
        return dictionary;
    }

    /**
     * One table that names patients (or one the CDM has and screening does not use, whose rows are
     * counted), or a part of one: its rows from {@code table.forEachRow}. {@code header}: whether
     * this part holds the table's header line (a missing column is listed at it once).
     */
    void readTable(OmopTable table, boolean header)
            throws IOException
    {
        String name = table.name();
        if (OTHER_TABLES.contains(name)) {
            table.forEachRow(row -> flow.countIgnored(name));
            return;
        }
        RowReader reader = switch (name) {
            case "person" -> this::person;
            case "death" -> this::death;
            case "visit_occurrence" -> (part, row) -> visits.add(visit(part, row));
            case "visit_detail" -> this::visitDetail;
            case "condition_occurrence" -> this::condition;
            case "drug_exposure" -> this::drug;
            case "measurement", "observation" -> (part, row) -> observation(part, row, name);
            case "procedure_occurrence" -> (part, row) -> simple(part, row, "procedure", "procedure_occurrence_id", "procedure", "procedure_date", "procedure_datetime");
            case "device_exposure" -> (part, row) -> simple(part, row, "device_request", "device_exposure_id", "device", "device_exposure_start_date",
                    "device_exposure_start_datetime");
            default -> throw new IllegalArgumentException("not a table that names patients: " + name);
        };
        readTable(table, header, reader);
    }

    /** VISIT_DETAIL rows naming a visit_occurrence_id VISIT_OCCURRENCE does not hold ({@code references_missing}). */
    static void countMissingVisits(Set<String> visits, Map<String, Long> visitReferences, GenericFlow flow)
    {
        visitReferences.forEach((visit, rows) -> {
            if (!visits.contains(visit)) {
                for (long row = 0; row < rows; row++) {
                    flow.countMissingReference("visit_occurrence");
                }
            }
        });
    }

    private Map<String, GenericPatient> patients()
    {
        Set<String> ids = new HashSet<>(records.keySet());
        ids.addAll(persons.keySet());
        Map<String, GenericPatient> patients = new TreeMap<>();
        for (String id : ids) {
            Person person = persons.get(id);
            patients.put(id, new GenericPatient(id, person == null ? null : person.source(), person == null ? null : person.birthDate(),
                    person == null ? null : person.gender(), deaths.get(id), records.getOrDefault(id, List.of()),
                    withDeath(latest.getOrDefault(id, Map.of()), deaths.get(id), person == null ? null : person.source())));
        }
        return patients;
    }

    /**
     * The latest days of a patient with the death date as the kind {@code patient} (a fact of the
     * PERSON row, as FHIR's {@code Patient.deceasedDateTime} is of the Patient resource).
     */
    static Map<String, GenericPatient.Dated> withDeath(Map<String, GenericPatient.Dated> latest, FhirDate death, RecordRef person)
    {
        if (death == null || person == null) {
            return latest;
        }
        Map<String, GenericPatient.Dated> all = new HashMap<>(latest);
        all.put("patient", new GenericPatient.Dated(death, person));
        return all;
    }

    private void readTable(Map<String, OmopTable> tables, String name, RowReader reader)
            throws IOException
    {
        OmopTable table = tables.get(name);
        if (table != null) {
            readTable(table, true, reader);
        }
    }

    private void readTable(OmopTable table, boolean header, RowReader reader)
            throws IOException
    {
        String name = table.name();
        List<String> missing = REQUIRED_COLUMNS.get(name).stream().filter(column -> !table.columns().contains(column)).toList();
        if (!missing.isEmpty()) {
            if (!header) {
                return;
            }
            skip(table, 1, "missing_column", name + " has no column " + String.join(", ", missing) + "; its rows are not read");
            return;
        }
        int width = table.columns().size();
        table.forEachRow(row -> {
            if (row.width() != width) {
                skip(table, row.line(), "wrong_width", "expected " + width + " values (the header's), found " + row.width());
                return;
            }
            try {
                reader.read(table, row);
            }
            catch (Skip e) {
                skip(table, row.line(), e.reason, e.detail);
            }
        });
    }

    // vocabulary

    private void vocabulary(OmopTable table, OmopRow row)
            throws Skip
    {
        String id = required(row, "vocabulary_id");
        String reference = row.get("vocabulary_reference");
        if (reference != null) {
            dictionary.vocabularyReferences.putIfAbsent(id, reference);
        }
        flow.countRead("vocabulary");
    }

    private void concept(OmopTable table, OmopRow row)
            throws Skip
    {
        long id = id(row, "concept_id");
        String vocabularyId = required(row, "vocabulary_id");
        String code = required(row, "concept_code");
        String system = conventions.system(vocabularyId, dictionary.vocabularyReferences.get(vocabularyId));
        boolean unit = vocabularyId.equals("UCUM") || "Unit".equals(row.get("domain_id"));
        vocabulary.addConcept(new OmopConcept(id, vocabularyId, new Coding(system, code, row.get("concept_name"))), unit);
        flow.countRead("concept");
    }

    private void ancestor(OmopTable table, OmopRow row)
            throws Skip
    {
        vocabulary.addAncestor(id(row, "descendant_concept_id"), id(row, "ancestor_concept_id"));
        flow.countRead("concept_ancestor");
    }

    private void strength(OmopTable table, OmopRow row)
            throws Skip
    {
        long drug = id(row, "drug_concept_id");
        long ingredient = id(row, "ingredient_concept_id");
        BigDecimal amount = optionalNumber(row, "amount_value");
        Long unit = optionalId(row, "amount_unit_concept_id");
        if (amount != null && unit != null && unit != 0) {
            OmopConcept unitConcept = knownConcept(row, "amount_unit_concept_id", unit);
            if (unitConcept != null) {
                vocabulary.addStrength(drug, new Strength(ingredient, amount, unitConcept.coding().code()));
            }
        }
        flow.countRead("drug_strength");
    }

    private void cdmSource(OmopTable table, OmopRow row)
            throws Skip
    {
        LocalDate release = optionalDay(row, "source_release_date");
        if (release != null && (dictionary.releaseDate == null || release.isAfter(dictionary.releaseDate))) {
            dictionary.releaseDate = release;
        }
        flow.countRead("cdm_source");
    }

    // patients

    private void person(OmopTable table, OmopRow row)
            throws Skip
    {
        String id = Long.toString(id(row, "person_id"));
        long year = id(row, "year_of_birth");
        Long month = optionalId(row, "month_of_birth");
        Long day = optionalId(row, "day_of_birth");
        FhirDate birth = dateTimeOrNull(row, "birth_datetime", true);
        if (birth == null) {
            String text = String.format("%04d", year) + (month == null ? "" : String.format("-%02d", month) + (day == null ? "" : String.format("-%02d", day)));
            birth = FhirDate.parse(text).orElseThrow(() -> new Skip("bad_date", "year_of_birth, month_of_birth, day_of_birth " + text + " is not a date"));
        }
        else {
            birth = FhirDate.parse(birth.date().toString()).orElseThrow();
        }
        long gender = id(row, "gender_concept_id");
        flow.countPatient();
        flow.countRead("person");
        persons.putIfAbsent(id, new Person(new RecordRef("person", id, table.file(), row.line()), birth, conventions.gender(gender)));
    }

    private void death(OmopTable table, OmopRow row)
            throws Skip
    {
        String id = Long.toString(id(row, "person_id"));
        LocalDate date = day(row, "death_date");
        flow.countRead("death");
        deaths.merge(id, FhirDate.parse(date.toString()).orElseThrow(), (a, b) -> a.date().isAfter(b.date()) ? b : a);
    }

    // records

    private String visit(OmopTable table, OmopRow row)
            throws Skip
    {
        String id = Long.toString(id(row, "visit_occurrence_id"));
        String person = Long.toString(id(row, "person_id"));
        long concept = id(row, "visit_concept_id");
        FhirDate start = when(row, "visit_start_date", "visit_start_datetime");
        LocalDate endDay = optionalDay(row, "visit_end_date");
        FhirDate end = endDay == null ? null : when(row, "visit_end_date", "visit_end_datetime");
        if (end != null && end.date().isBefore(start.date())) {
            throw new Skip("end_before_start", "visit_end_date " + end.date() + " is before visit_start_date " + start.date());
        }
        Long discharged = optionalId(row, "discharged_to_concept_id");
        LocalDate releaseDate = dictionary.releaseDate;
        boolean stillIn = end == null || releaseDate != null && !end.date().isBefore(releaseDate) && (discharged == null || discharged == 0);
        flow.countRead("visit_occurrence");
        add(person, new GenericRecord("encounter", new RecordRef("visit_occurrence", id, table.file(), row.line()), null, stillIn ? "in-progress" : "finished",
                List.of(), start, List.of(start), stillIn ? null : end, conventions.visitClass(concept), List.of(), null, null, Concept.EMPTY, List.of(), Set.of()));
        return id;
    }

    /** VISIT_DETAIL rows are checked and counted; the stay screening reads is the visit_occurrence they belong to. */
    private void visitDetail(OmopTable table, OmopRow row)
            throws Skip
    {
        id(row, "visit_detail_id");
        id(row, "person_id");
        LocalDate start = day(row, "visit_detail_start_date");
        LocalDate end = optionalDay(row, "visit_detail_end_date");
        if (end != null && end.isBefore(start)) {
            throw new Skip("end_before_start", "visit_detail_end_date " + end + " is before visit_detail_start_date " + start);
        }
        Long visit = optionalId(row, "visit_occurrence_id");
        if (visit != null) {
            // counted once every VISIT_OCCURRENCE row is read (countMissingVisits): a Spark task reads this table apart from that one
            visitReferences.merge(Long.toString(visit), 1L, Long::sum);
        }
        flow.countRead("visit_detail");
    }

    private void condition(OmopTable table, OmopRow row)
            throws Skip
    {
        String id = Long.toString(id(row, "condition_occurrence_id"));
        String person = Long.toString(id(row, "person_id"));
        Concept concept = concept(row, "condition");
        FhirDate date = when(row, "condition_start_date", "condition_start_datetime");
        Long visit = optionalId(row, "visit_occurrence_id");
        flow.countRead("condition_occurrence");
        noteDay(person, "condition", dayOrNull(row, "condition_end_date"), new RecordRef("condition_occurrence", id, table.file(), row.line()));
        add(person, new GenericRecord("condition", new RecordRef("condition_occurrence", id, table.file(), row.line()), null, null, List.of(concept), date,
                List.of(date), null, null, List.of(), visit == null ? null : Long.toString(visit), null, Concept.EMPTY, List.of(), Set.of()));
    }

    private void drug(OmopTable table, OmopRow row)
            throws Skip
    {
        String id = Long.toString(id(row, "drug_exposure_id"));
        String person = Long.toString(id(row, "person_id"));
        Concept concept = concept(row, "drug");
        long drugId = id(row, "drug_concept_id");
        List<Coding> codings = new ArrayList<>(concept.codings());
        for (long ancestor : vocabulary.ancestors(drugId)) {
            OmopConcept known = vocabulary.concept(ancestor);
            if (known != null && !codings.contains(known.coding())) {
                codings.add(known.coding());
            }
        }
        FhirDate date = when(row, "drug_exposure_start_date", "drug_exposure_start_datetime");
        String recordType = conventions.drugRecordType(id(row, "drug_type_concept_id"));
        List<Quantity> doses = dose(row, drugId);
        flow.countRead("drug_exposure");
        noteDay(person, "medication", dayOrNull(row, "drug_exposure_end_date"), new RecordRef("drug_exposure", id, table.file(), row.line()));
        add(person, new GenericRecord("medication", new RecordRef("drug_exposure", id, table.file(), row.line()), recordType, COMPLETED,
                List.of(new Concept(concept.text(), codings)), date, List.of(date), null, null, List.of(), null, null, Concept.EMPTY, doses, Set.of()));
    }

    /**
     * The dose: {@code quantity} × the DRUG_STRENGTH amount when the product has exactly one
     * ingredient with an amount; else {@code quantity} in {@code dose_unit_source_value} when that
     * is given (ETLs that store the dose itself); else none.
     */
    private List<Quantity> dose(OmopRow row, long drugId)
            throws Skip
    {
        BigDecimal quantity = optionalNumber(row, "quantity");
        if (quantity == null || quantity.signum() <= 0) {
            return List.of();
        }
        List<Strength> strengths = vocabulary.strengths(drugId);
        if (strengths.size() == 1) {
            Strength strength = strengths.get(0);
            BigDecimal amount = quantity.multiply(strength.amount()).stripTrailingZeros();
            return List.of(new Quantity(amount.scale() < 0 ? amount.setScale(0) : amount, strength.unit(), strength.unit()));
        }
        String unit = row.get("dose_unit_source_value");
        return unit == null ? List.of() : List.of(new Quantity(quantity, unit, unit));
    }

    private void observation(OmopTable table, OmopRow row, String name)
            throws Skip
    {
        String id = Long.toString(id(row, name + "_id"));
        String person = Long.toString(id(row, "person_id"));
        Concept concept = concept(row, name);
        FhirDate date = when(row, name + "_date", name + "_datetime");
        BigDecimal number = optionalNumber(row, "value_as_number");
        Quantity value = null;
        if (number != null) {
            Long unitId = optionalId(row, "unit_concept_id");
            OmopConcept unit = unitId == null || unitId == 0 ? null : knownConcept(row, "unit_concept_id", unitId);
            String unitCode = unit == null ? null : unit.coding().code();
            value = new Quantity(number, row.get("unit_source_value"), unitCode);
        }
        Long valueId = optionalId(row, "value_as_concept_id");
        OmopConcept valueAs = valueId == null || valueId == 0 ? null : knownConcept(row, "value_as_concept_id", valueId);
        List<Coding> valueCodings = valueAs == null ? List.of() : List.of(valueAs.coding());
        String valueText = row.get("value_as_string");
        Concept valueConcept = valueCodings.isEmpty() && valueText == null ? Concept.EMPTY : new Concept(valueText, valueCodings);
        flow.countRead(name);
        add(person, new GenericRecord("observation", new RecordRef(name, id, table.file(), row.line()), null, FINAL, List.of(concept), date, List.of(date),
                null, null, List.of(), null, value, valueConcept, List.of(), Set.of()));
    }

    private void simple(OmopTable table, OmopRow row, String kind, String idColumn, String domain, String dateColumn, String dateTimeColumn)
            throws Skip
    {
        String id = Long.toString(id(row, idColumn));
        String person = Long.toString(id(row, "person_id"));
        Concept concept = concept(row, domain);
        FhirDate date = when(row, dateColumn, dateTimeColumn);
        flow.countRead(table.name());
        add(person, new GenericRecord(kind, new RecordRef(table.name(), id, table.file(), row.line()), null, COMPLETED, List.of(concept), date, List.of(date),
                null, null, List.of(), null, null, Concept.EMPTY, List.of(), Set.of()));
    }

    private void add(String person, GenericRecord record)
    {
        for (FhirDate date : record.dates()) {
            noteDay(person, record.kind(), date, record.source());
        }
        noteDay(person, record.kind(), record.end(), record.source());
        if (keep.test(record)) {
            records.computeIfAbsent(person, key -> new ArrayList<>()).add(record);
        }
    }

    /** Notes a day written on a patient's row of a kind (a later one replaces it; the first read wins a tie). */
    private void noteDay(String person, String kind, FhirDate date, RecordRef source)
    {
        if (date == null || !date.isDayPrecise()) {
            return;
        }
        GenericPatient.Dated known = latest.computeIfAbsent(person, key -> new HashMap<>()).get(kind);
        if (known == null || FhirDate.ORDER.compare(date, known.date()) > 0) {
            latest.get(person).put(kind, new GenericPatient.Dated(date, source));
        }
    }

    /** An optional date column as a day; a date that cannot be read is no day (the row's own dates are checked where they count). */
    private static FhirDate dayOrNull(OmopRow row, String column)
    {
        try {
            LocalDate day = optionalDay(row, column);
            return day == null ? null : FhirDate.parse(day.toString()).orElse(null);
        }
        catch (Skip unreadable) {
            return null;
        }
    }

    // values

    /**
     * A record's concept: the codings of {@code <domain>_concept_id} and
     * {@code <domain>_source_concept_id} through CONCEPT, and {@code <domain>_source_value} as its
     * text (matched by a code set's text terms, as a FHIR CodeableConcept's text).
     */
    private Concept concept(OmopRow row, String domain)
            throws Skip
    {
        List<Coding> codings = new ArrayList<>();
        id(row, domain + "_concept_id");
        for (String column : List.of(domain + "_concept_id", domain + "_source_concept_id")) {
            Long id = optionalId(row, column);
            if (id != null && id != 0) {
                OmopConcept known = knownConcept(row, column, id);
                Coding coding = known == null ? null : known.coding();
                if (coding != null && !codings.contains(coding)) {
                    codings.add(coding);
                }
            }
        }
        return new Concept(row.get(domain + "_source_value"), codings);
    }

    /** The concept, or null when CONCEPT has it but no code set of the protocol can match it; a Skip when CONCEPT lacks it. */
    private OmopConcept knownConcept(OmopRow row, String column, long id)
            throws Skip
    {
        OmopConcept concept = vocabulary.concept(id);
        if (concept == null && !vocabulary.knows(id)) {
            throw new Skip("unknown_concept", column + " " + id + " is not in CONCEPT");
        }
        return concept;
    }

    private static String required(OmopRow row, String column)
            throws Skip
    {
        String value = row.get(column);
        if (value == null) {
            throw new Skip("missing_value", column + " is empty");
        }
        return value;
    }

    private static long id(OmopRow row, String column)
            throws Skip
    {
        Long id = optionalId(row, column);
        if (id == null) {
            throw new Skip("missing_value", column + " is empty");
        }
        return id;
    }

    private static Long optionalId(OmopRow row, String column)
            throws Skip
    {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.endsWith(".0") ? value.substring(0, value.length() - 2) : value);
        }
        catch (NumberFormatException e) {
            throw new Skip("bad_number", column + " '" + clip(value) + "' is not a whole number");
        }
    }

    private static BigDecimal optionalNumber(OmopRow row, String column)
            throws Skip
    {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(value);
            if (number.abs().compareTo(BigDecimal.valueOf(1, -15)) > 0 || number.scale() > 30) {
                throw new NumberFormatException();
            }
            return number;
        }
        catch (NumberFormatException e) {
            throw new Skip("bad_number", column + " '" + clip(value) + "' is not a number");
        }
    }

    private static LocalDate day(OmopRow row, String column)
            throws Skip
    {
        LocalDate day = optionalDay(row, column);
        if (day == null) {
            throw new Skip("missing_value", column + " is empty");
        }
        return day;
    }

    /** {@code YYYY-MM-DD} or {@code YYYYMMDD} (Athena); a datetime's date part. */
    static LocalDate optionalDay(OmopRow row, String column)
            throws Skip
    {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        Matcher matcher = DATE_TIME.matcher(value);
        if (matcher.matches()) {
            try {
                return LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)));
            }
            catch (RuntimeException e) {
                // not a calendar date: reported below
            }
        }
        throw new Skip("bad_date", column + " '" + clip(value) + "' is not a date (YYYY-MM-DD or YYYYMMDD)");
    }

    /**
     * A record's time: the datetime column when it holds a time on the date column's day, the
     * date alone otherwise. Midnight (00:00:00) is taken as "no time": OMOP ETLs write it for a
     * date without one, so it is never within minutes of anything.
     */
    private static FhirDate when(OmopRow row, String dateColumn, String dateTimeColumn)
            throws Skip
    {
        LocalDate day = day(row, dateColumn);
        FhirDate time = dateTimeOrNull(row, dateTimeColumn, false);
        if (time != null && time.date().equals(day)) {
            return time;
        }
        return FhirDate.parse(day.toString()).orElseThrow();
    }

    /** The datetime with its time, or null when empty or midnight ({@code keepMidnight}: then a date-only value). */
    private static FhirDate dateTimeOrNull(OmopRow row, String column, boolean keepMidnight)
            throws Skip
    {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        Matcher matcher = DATE_TIME.matcher(value);
        LocalDateTime dateTime;
        try {
            if (!matcher.matches()) {
                throw new IllegalArgumentException();
            }
            LocalDate date = LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)));
            LocalTime time = matcher.group(4) == null ? LocalTime.MIDNIGHT
                    : LocalTime.of(Integer.parseInt(matcher.group(4)), Integer.parseInt(matcher.group(5)), matcher.group(6) == null ? 0 : Math.min(59, Integer.parseInt(matcher.group(6))));
            dateTime = LocalDateTime.of(date, time);
        }
        catch (RuntimeException e) {
            throw new Skip("bad_date", column + " '" + clip(value) + "' is not a datetime (YYYY-MM-DD HH:MM:SS)");
        }
        if (dateTime.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return keepMidnight ? FhirDate.parse(dateTime.toLocalDate().toString()).orElseThrow() : null;
        }
        return FhirDate.parse(dateTime.toLocalDate() + "T" + dateTime.toLocalTime().withNano(0)).orElseThrow();
    }

    /** Control characters (from damaged files) shown as {@code ?}, so messages and skipped.csv stay one clean line. */
    static String printable(String text)
    {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
    }

    private static String clip(String value)
    {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }

    private void skip(OmopTable table, long line, String reason, String rawDetail)
    {
        String detail = printable(rawDetail);
        if (strict) {
            throw new CasebookException(ErrorCode.BAD_INPUT, table.file() + " line " + line + ": " + reason.replace('_', ' ') + " (" + detail
                    + "); without --strict such rows are skipped and listed in skipped.csv");
        }
        flow.countSkipped(reason);
        String csvRow = Csv.row(table.file(), Long.toString(line), reason, detail);
        if (skippedRows != null) {
            skippedRows.put(line, csvRow);
            return;
        }
        try {
            skipped.write(csvRow);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
