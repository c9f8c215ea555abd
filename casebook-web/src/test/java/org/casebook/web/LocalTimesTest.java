package org.casebook.web;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalTimesTest
{
    private final LocalTimes tokyo = new LocalTimes(ZoneId.of("Asia/Tokyo"));

    @Test
    void anInstantIsShownInTheZonesLocalTimeToTheSecond()
    {
        assertThat(tokyo.of("2026-12-05T14:03:11.987654321Z")).isEqualTo("2026-12-05 23:03:11");
        // past midnight local time: the next day
        assertThat(tokyo.of(Instant.parse("2026-12-31T15:00:00Z"))).isEqualTo("2027-01-01 00:00:00");
        assertThat(tokyo.of((String) null)).isEmpty();
        assertThat(tokyo.of("")).isEmpty();
    }

    @Test
    void everyInstantInAMessageIsShownInLocalTimeAndTheRestIsLeftAlone()
    {
        String conflict = "Their change: ann at 2026-12-05T01:00:00Z: bmi '23' → '24'; bo at 2026-12-05T01:00:05.5Z: age '70' → '71' (reason: 2024-01-11)";
        assertThat(tokyo.inText(conflict))
                .isEqualTo("Their change: ann at 2026-12-05 10:00:00: bmi '23' → '24'; bo at 2026-12-05 10:00:05: age '70' → '71' (reason: 2024-01-11)");
        assertThat(tokyo.inText(null)).isEmpty();
    }
}
