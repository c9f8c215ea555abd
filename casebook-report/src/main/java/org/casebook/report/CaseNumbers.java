package org.casebook.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.casebook.casedata.CaseRecord;

/**
 * The report's names for its patients: case numbers, never the hospital's patient ids, which
 * identify a patient and must not reach a manuscript. Cases are numbered 1…N in the order of day 0,
 * ties by patient id, and written {@code P01}…{@code P06} (a case series' usual "patient 1", with as
 * many digits as N needs, at least two: {@code P001}…{@code P500}), so that the numbers follow the
 * series' time order whatever ids the hospital uses.
 */
public final class CaseNumbers
{
    private final Map<String, Integer> numbers;
    private final int digits;

    private CaseNumbers(Map<String, Integer> numbers)
    {
        // a HashMap, not Map.copyOf: the immutable map probes linearly, and ids such as P01-001,
        // P01-002, … have neighbouring hashes, so that at 100,000 cases each look-up walked a long
        // run of slots (a sixth of a report's time, sorting the patients by number)
        this.numbers = java.util.Collections.unmodifiableMap(new HashMap<>(numbers));
        this.digits = Math.max(2, Integer.toString(numbers.size()).length());
    }

    public static CaseNumbers of(List<CaseRecord> cases)
    {
        List<CaseRecord> sorted = new ArrayList<>(cases);
        sorted.sort(Comparator.comparing(CaseRecord::dayZero).thenComparing(CaseRecord::patientId));
        Map<String, Integer> numbers = new HashMap<>();
        for (CaseRecord record : sorted) {
            numbers.putIfAbsent(record.patientId(), numbers.size() + 1);
        }
        return new CaseNumbers(numbers);
    }

    /** The case's number, 1…N; 0 for an id that is not a case of the series. */
    public int number(String patientId)
    {
        return numbers.getOrDefault(patientId, 0);
    }

    /** {@code P01}; an id that is not a case (an adverse event of an unknown patient) as "unknown case". */
    public String label(String patientId)
    {
        Integer number = numbers.get(patientId);
        if (number == null) {
            return "unknown case";
        }
        // zero-padded to the series' digits, as %0Nd writes a positive number, without a formatter per label
        String digitsOfNumber = Integer.toString(number);
        return "P" + "0".repeat(Math.max(0, digits - digitsOfNumber.length())) + digitsOfNumber;
    }

    /** {@code cases} sorted by case number. */
    public List<CaseRecord> inOrder(List<CaseRecord> cases)
    {
        List<CaseRecord> sorted = new ArrayList<>(cases);
        sorted.sort(Comparator.comparingInt(record -> number(record.patientId())));
        return sorted;
    }
}
