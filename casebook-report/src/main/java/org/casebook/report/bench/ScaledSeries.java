package org.casebook.report.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.casebook.casedata.AdverseEvent;
import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseRecordBuilder;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.CtStudy;
import org.casebook.casedata.Measurement;
import org.casebook.ctscore.IchikadoPattern;
import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.ScanRef;
import org.casebook.ctscore.ZoneExtent;
import org.casebook.protocol.StudyProtocol;

import static java.util.Objects.requireNonNull;

/**
 * A larger synthetic series for benchmarks: a workbook's patients repeated with new ids
 * ({@code <id>-<copy>}) and jittered values, reproducible from a seed. Each copy's dates move
 * together by up to ±{@link #MAX_SHIFT_DAYS} days (timelines keep their shape); measurements are
 * scaled by about ±5% (a derived ratio and its numerator by the same factor, its denominator
 * not at all, so they stay consistent) and kept in the protocol's plausible range, decimal case
 * fields likewise within their range; in about a third of the zones of each CT read 10% of the lung moves
 * between normal and ground glass, so zones still add up to 100.
 */
public final class ScaledSeries
{
    static final int MAX_SHIFT_DAYS = 60;

    private final StudyProtocol protocol;
    private final Random random;

    public ScaledSeries(StudyProtocol protocol, long seed)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.random = new Random(seed);
    }

    /** {@code patients} patients: the original ones first, then jittered copies in turn. */
    public CaseWorkbook scale(CaseWorkbook original, int patients)
    {
        if (original.cases().isEmpty()) {
            throw new IllegalArgumentException("the workbook has no patients to repeat");
        }
        List<CaseRecord> cases = new ArrayList<>();
        List<Measurement> measurements = new ArrayList<>();
        List<CtStudy> studies = new ArrayList<>();
        List<IchikadoRead> reads = new ArrayList<>();
        List<AdverseEvent> events = new ArrayList<>();
        // a derived ratio's numerator and the ratio move by one factor and its denominator stays, so a copy's ratio still equals their quotient
        java.util.Set<String> ratioDenominators = new java.util.HashSet<>();
        Map<String, String> ratioParts = new HashMap<>();
        for (var derived : protocol.caseSchema().derived()) {
            if (derived.numerator() != null && derived.denominator() != null) {
                ratioDenominators.add(derived.denominator());
                ratioParts.put(derived.numerator(), derived.name());
                ratioParts.put(derived.name(), derived.name());
            }
        }
        for (int index = 0; index < patients; index++) {
            CaseRecord record = original.cases().get(index % original.cases().size());
            int copy = index / original.cases().size();
            String id = copy == 0 ? record.patientId() : String.format("%s-%03d", record.patientId(), copy);
            int shift = copy == 0 ? 0 : random.nextInt(2 * MAX_SHIFT_DAYS + 1) - MAX_SHIFT_DAYS;
            boolean jitter = copy > 0;
            cases.add(copy(record, id, shift, jitter));
            Map<String, Double> oxygenationFactor = new HashMap<>();
            for (Measurement measurement : original.measurements()) {
                if (measurement.patientId().equals(record.patientId())) {
                    double factor = 1;
                    if (jitter) {
                        factor = ratioDenominators.contains(measurement.variable()) ? 1
                                : ratioParts.containsKey(measurement.variable())
                                        ? oxygenationFactor.computeIfAbsent(ratioParts.get(measurement.variable()) + "|" + measurement.timepoint(), tp -> factor())
                                        : factor();
                    }
                    double value = factor == 1 ? measurement.value() : plausible(measurement.variable(), round(measurement.value() * factor, measurement.value()));
                    measurements.add(new Measurement(id, measurement.timepoint(), measurement.variable(), value, measurement.unit(),
                            shift(measurement.date(), shift), measurement.source()));
                }
            }
            original.ctStudies().stream().filter(study -> study.patientId().equals(record.patientId()))
                    .forEach(study -> studies.add(new CtStudy(id, study.timepoint(), shift(study.date(), shift), study.studyId() == null ? null : study.studyId() + "-" + copy, study.source())));
            original.ichikadoReads().stream().filter(read -> read.scan().patientId().equals(record.patientId()))
                    .forEach(read -> reads.add(jitter ? jittered(read, id) : new IchikadoRead(new ScanRef(id, read.scan().timepoint()), read.reader(), read.zones())));
            original.adverseEvents().stream().filter(event -> event.patientId().equals(record.patientId()))
                    .forEach(event -> events.add(new AdverseEvent(id, event.term(), shift(event.onsetDate(), shift), event.grade(), event.ctcaeVersion(),
                            event.serious(), event.relatedTo(), event.action(), event.outcome(), event.source())));
        }
        return new CaseWorkbook(cases, measurements, studies, reads, List.of(), events);
    }

    /**
     * The case with every date moved by {@code shift} days and, for a jittered copy, every decimal
     * number scaled by about ±5%, kept at its written decimals and within the field's range.
     */
    private CaseRecord copy(CaseRecord record, String id, int shift, boolean jitter)
    {
        CaseRecordBuilder builder = new CaseRecordBuilder(id, record.dayZero().plusDays(shift)).source(record.source());
        record.values().forEach((name, value) -> {
            if (value instanceof LocalDate date) {
                builder.set(name, date.plusDays(shift));
            }
            else if (jitter && value instanceof java.math.BigDecimal number) {
                builder.set(name, jittered(name, number));
            }
            else {
                builder.set(name, value);
            }
        });
        return builder.build();
    }

    private java.math.BigDecimal jittered(String field, java.math.BigDecimal number)
    {
        java.math.BigDecimal scaled = java.math.BigDecimal.valueOf(number.doubleValue() * factor()).setScale(Math.max(0, number.scale()), java.math.RoundingMode.HALF_UP);
        var spec = protocol.caseSchema().findField(field).orElse(null);
        if (spec != null && spec.min() != null && scaled.compareTo(spec.min()) < 0) {
            return spec.min();
        }
        if (spec != null && spec.max() != null && scaled.compareTo(spec.max()) > 0) {
            return spec.max();
        }
        return scaled;
    }

    private IchikadoRead jittered(IchikadoRead read, String id)
    {
        List<ZoneExtent> zones = new ArrayList<>();
        for (ZoneExtent zone : read.zones()) {
            Map<IchikadoPattern, Integer> percents = new HashMap<>(zone.percents());
            if (random.nextDouble() < 1.0 / 3) {
                int move = random.nextBoolean() ? 10 : -10;
                int normal = percents.get(IchikadoPattern.NORMAL) - move;
                int ggo = percents.get(IchikadoPattern.GROUND_GLASS) + move;
                if (normal >= 0 && ggo >= 0) {
                    percents.put(IchikadoPattern.NORMAL, normal);
                    percents.put(IchikadoPattern.GROUND_GLASS, ggo);
                }
            }
            zones.add(new ZoneExtent(zone.zone(), percents));
        }
        return new IchikadoRead(new ScanRef(id, read.scan().timepoint()), read.reader(), zones);
    }

    private double factor()
    {
        return 1 + 0.05 * random.nextGaussian();
    }

    /** One decimal for values written with decimals, whole numbers for whole ones. */
    private static double round(double value, double original)
    {
        return original == Math.rint(original) ? Math.rint(value) : Math.round(value * 10) / 10.0;
    }

    private double plausible(String variable, double value)
    {
        return protocol.findVariable(variable)
                .map(spec -> Math.max(spec.min(), Math.min(spec.max(), value)))
                .orElse(value);
    }

    private static LocalDate shift(LocalDate date, int days)
    {
        return date == null ? null : date.plusDays(days);
    }
}
