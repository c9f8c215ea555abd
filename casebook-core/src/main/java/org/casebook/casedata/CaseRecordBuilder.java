package org.casebook.casedata;

import java.time.LocalDate;

/**
 * Builds a {@link CaseRecord} field by field; unset fields stay null (not recorded).
 */
public final class CaseRecordBuilder
{
    private String patientId;
    private LocalDate admissionDate;
    private LocalDate aeOnsetDate;
    private LocalDate dischargeDate;
    private Double age;
    private Sex sex;
    private Double weightKg;
    private Double bmi;
    private SmokingStatus smoking;
    private Double raDurationYears;
    private Boolean rfPositive;
    private Boolean acpaPositive;
    private IldPattern ildPattern;
    private Boolean antifibrotic;
    private Double baselinePslMg;
    private String priorJaki;
    private LocalDate priorJakiStopDate;
    private String priorJakiStopReason;
    private String jakiAgent;
    private Double jakiDoseMg;
    private LocalDate jakiStartDate;
    private Boolean mpslPulse;
    private LocalDate mpslPulseStartDate;
    private Double mpslMaxDailyDoseMg;
    private Boolean homeOxygenAtDischarge;
    private LocalDate deathDate;
    private LocalDate lastFollowupDate;
    private SourceRef source;

    public CaseRecordBuilder(String patientId, LocalDate admissionDate)
    {
        this.patientId = patientId;
        this.admissionDate = admissionDate;
        this.source = new SourceRef("case " + patientId);
    }

    public static CaseRecordBuilder from(CaseRecord record)
    {
        CaseRecordBuilder builder = new CaseRecordBuilder(record.patientId(), record.admissionDate());
        builder.aeOnsetDate = record.aeOnsetDate();
        builder.dischargeDate = record.dischargeDate();
        builder.age = record.age();
        builder.sex = record.sex();
        builder.weightKg = record.weightKg();
        builder.bmi = record.bmi();
        builder.smoking = record.smoking();
        builder.raDurationYears = record.raDurationYears();
        builder.rfPositive = record.rfPositive();
        builder.acpaPositive = record.acpaPositive();
        builder.ildPattern = record.ildPattern();
        builder.antifibrotic = record.antifibrotic();
        builder.baselinePslMg = record.baselinePslMg();
        builder.priorJaki = record.priorJaki();
        builder.priorJakiStopDate = record.priorJakiStopDate();
        builder.priorJakiStopReason = record.priorJakiStopReason();
        builder.jakiAgent = record.jakiAgent();
        builder.jakiDoseMg = record.jakiDoseMg();
        builder.jakiStartDate = record.jakiStartDate();
        builder.mpslPulse = record.mpslPulse();
        builder.mpslPulseStartDate = record.mpslPulseStartDate();
        builder.mpslMaxDailyDoseMg = record.mpslMaxDailyDoseMg();
        builder.homeOxygenAtDischarge = record.homeOxygenAtDischarge();
        builder.deathDate = record.deathDate();
        builder.lastFollowupDate = record.lastFollowupDate();
        builder.source = record.source();
        return builder;
    }

    public CaseRecordBuilder aeOnsetDate(LocalDate aeOnsetDate)
    {
        this.aeOnsetDate = aeOnsetDate;
        return this;
    }

    public CaseRecordBuilder dischargeDate(LocalDate dischargeDate)
    {
        this.dischargeDate = dischargeDate;
        return this;
    }

    public CaseRecordBuilder age(Double age)
    {
        this.age = age;
        return this;
    }

    public CaseRecordBuilder sex(Sex sex)
    {
        this.sex = sex;
        return this;
    }

    public CaseRecordBuilder weightKg(Double weightKg)
    {
        this.weightKg = weightKg;
        return this;
    }

    public CaseRecordBuilder bmi(Double bmi)
    {
        this.bmi = bmi;
        return this;
    }

    public CaseRecordBuilder smoking(SmokingStatus smoking)
    {
        this.smoking = smoking;
        return this;
    }

    public CaseRecordBuilder raDurationYears(Double raDurationYears)
    {
        this.raDurationYears = raDurationYears;
        return this;
    }

    public CaseRecordBuilder rfPositive(Boolean rfPositive)
    {
        this.rfPositive = rfPositive;
        return this;
    }

    public CaseRecordBuilder acpaPositive(Boolean acpaPositive)
    {
        this.acpaPositive = acpaPositive;
        return this;
    }

    public CaseRecordBuilder ildPattern(IldPattern ildPattern)
    {
        this.ildPattern = ildPattern;
        return this;
    }

    public CaseRecordBuilder antifibrotic(Boolean antifibrotic)
    {
        this.antifibrotic = antifibrotic;
        return this;
    }

    public CaseRecordBuilder baselinePslMg(Double baselinePslMg)
    {
        this.baselinePslMg = baselinePslMg;
        return this;
    }

    public CaseRecordBuilder priorJaki(String priorJaki)
    {
        this.priorJaki = priorJaki;
        return this;
    }

    public CaseRecordBuilder priorJakiStopDate(LocalDate priorJakiStopDate)
    {
        this.priorJakiStopDate = priorJakiStopDate;
        return this;
    }

    public CaseRecordBuilder priorJakiStopReason(String priorJakiStopReason)
    {
        this.priorJakiStopReason = priorJakiStopReason;
        return this;
    }

    public CaseRecordBuilder jakiAgent(String jakiAgent)
    {
        this.jakiAgent = jakiAgent;
        return this;
    }

    public CaseRecordBuilder jakiDoseMg(Double jakiDoseMg)
    {
        this.jakiDoseMg = jakiDoseMg;
        return this;
    }

    public CaseRecordBuilder jakiStartDate(LocalDate jakiStartDate)
    {
        this.jakiStartDate = jakiStartDate;
        return this;
    }

    public CaseRecordBuilder mpslPulse(Boolean mpslPulse)
    {
        this.mpslPulse = mpslPulse;
        return this;
    }

    public CaseRecordBuilder mpslPulseStartDate(LocalDate mpslPulseStartDate)
    {
        this.mpslPulseStartDate = mpslPulseStartDate;
        return this;
    }

    public CaseRecordBuilder mpslMaxDailyDoseMg(Double mpslMaxDailyDoseMg)
    {
        this.mpslMaxDailyDoseMg = mpslMaxDailyDoseMg;
        return this;
    }

    public CaseRecordBuilder homeOxygenAtDischarge(Boolean homeOxygenAtDischarge)
    {
        this.homeOxygenAtDischarge = homeOxygenAtDischarge;
        return this;
    }

    public CaseRecordBuilder deathDate(LocalDate deathDate)
    {
        this.deathDate = deathDate;
        return this;
    }

    public CaseRecordBuilder lastFollowupDate(LocalDate lastFollowupDate)
    {
        this.lastFollowupDate = lastFollowupDate;
        return this;
    }

    public CaseRecordBuilder source(SourceRef source)
    {
        this.source = source;
        return this;
    }

    public CaseRecord build()
    {
        return new CaseRecord(patientId, admissionDate, aeOnsetDate, dischargeDate, age, sex, weightKg, bmi, smoking, raDurationYears, rfPositive, acpaPositive, ildPattern, antifibrotic, baselinePslMg, priorJaki, priorJakiStopDate, priorJakiStopReason, jakiAgent, jakiDoseMg, jakiStartDate, mpslPulse, mpslPulseStartDate, mpslMaxDailyDoseMg, homeOxygenAtDischarge, deathDate, lastFollowupDate, source);
    }
}
