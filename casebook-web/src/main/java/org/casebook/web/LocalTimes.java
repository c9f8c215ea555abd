package org.casebook.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * Stored instants as a person reads them: the server's local time to the second
 * ({@code 2026-12-05 10:15:02}), never the stored ISO form. Pages call it as
 * {@code ${@localTimes.of(review.reviewedAt())}}.
 */
@Component("localTimes")
public class LocalTimes
{
    private final ZoneId zone;

    /** The server's own time zone, as the people at its hospital read their clocks. */
    public LocalTimes()
    {
        this(ZoneId.systemDefault());
    }

    LocalTimes(ZoneId zone)
    {
        this.zone = zone;
    }

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final java.util.regex.Pattern INSTANT = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

    /** An ISO instant ({@code 2026-12-05T01:15:02.123Z}) in local time; empty for none. */
    public String of(String instant)
    {
        return instant == null || instant.isBlank() ? "" : of(Instant.parse(instant));
    }

    /** A message with stored instants in it (a conflict naming the other change and when) with each in local time. */
    public String inText(String text)
    {
        return text == null ? "" : INSTANT.matcher(text).replaceAll(found -> java.util.regex.Matcher.quoteReplacement(of(found.group())));
    }

    public String of(Instant instant)
    {
        return instant == null ? "" : SHOWN.format(instant.atZone(zone));
    }
}
