package org.casebook.analysis.outcome;

import java.util.Locale;
import java.util.Optional;

import org.casebook.analysis.PatientValues;
import org.casebook.casedata.CaseRecord;

/**
 * The prior JAK inhibitor was stopped for an adverse event on or before the exacerbation onset.
 * Decided when a stop reason is recorded (and, for an adverse-event stop, its date), or when
 * {@code prior_jaki} says {@code none}.
 */
public record JakiStoppedForAdverseEvent(String adverseEventReason)
        implements OutcomeRule
{
    public static final String NO_PRIOR_JAKI = "none";

    @Override
    public String name()
    {
        return "jaki_stopped_for_ae_before_onset";
    }

    @Override
    public String description()
    {
        return "prior JAK inhibitor stopped for an adverse event on or before onset";
    }

    @Override
    public Optional<Boolean> decide(PatientValues patient)
    {
        CaseRecord record = patient.record();
        if (record.priorJaki() != null && record.priorJaki().strip().equalsIgnoreCase(NO_PRIOR_JAKI)) {
            return Optional.of(false);
        }
        if (record.priorJakiStopReason() == null) {
            return Optional.empty();
        }
        if (!isAdverseEventStop(record)) {
            return Optional.of(false);
        }
        if (record.priorJakiStopDate() == null) {
            return Optional.empty();
        }
        return Optional.of(!record.priorJakiStopDate().isAfter(record.dayZero()));
    }

    public boolean isAdverseEventStop(CaseRecord record)
    {
        return record.priorJakiStopReason() != null
                && record.priorJakiStopReason().strip().toLowerCase(Locale.ROOT).equals(adverseEventReason.toLowerCase(Locale.ROOT));
    }
}
