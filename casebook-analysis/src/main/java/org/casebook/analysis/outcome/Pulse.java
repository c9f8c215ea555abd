package org.casebook.analysis.outcome;

import java.math.BigDecimal;
import java.util.Optional;

import org.casebook.analysis.PatientValues;
import org.casebook.casedata.CaseRecord;

/**
 * Methylprednisolone pulse: {@code mpsl_pulse} as recorded, or when blank a maximum daily dose at
 * or above the protocol's pulse dose (500 mg).
 */
public record Pulse(BigDecimal minDailyDoseMg)
        implements OutcomeRule
{
    @Override
    public String name()
    {
        return "pulse";
    }

    @Override
    public String description()
    {
        return "methylprednisolone pulse (recorded, or a daily dose ≥ " + minDailyDoseMg.stripTrailingZeros().toPlainString() + " mg)";
    }

    @Override
    public Optional<Boolean> decide(PatientValues patient)
    {
        CaseRecord record = patient.record();
        if (record.mpslPulse() != null) {
            return Optional.of(record.mpslPulse());
        }
        if (record.mpslMaxDailyDoseMg() == null) {
            return Optional.empty();
        }
        return Optional.of(BigDecimal.valueOf(record.mpslMaxDailyDoseMg()).compareTo(minDailyDoseMg) >= 0);
    }
}
