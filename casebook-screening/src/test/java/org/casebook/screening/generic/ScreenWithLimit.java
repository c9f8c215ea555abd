package org.casebook.screening.generic;

import java.nio.file.Path;

/**
 * {@code EXTRACT OUT LIMIT}: screens the {@link AllCandidatesExtract} protocol with a spill limit
 * ({@link SpillLimit#parse}; {@code heap}: the default from -Xmx), in a JVM of its own, for
 * {@link SpillingHeapTest}.
 */
final class ScreenWithLimit
{
    private ScreenWithLimit() {}

    public static void main(String[] args)
            throws Exception
    {
        SpillLimit limit = args[2].equals("heap") ? SpillLimit.fromHeap() : SpillLimit.parse(args[2]);
        GenericScreening.Screened screened = GenericScreening.forProtocol(AllCandidatesExtract.protocol().toString(), false).spillAfter(limit)
                .screen(Path.of(args[0]), Path.of(args[1]));
        System.out.println("candidates " + screened.flow().withIndexEvent() + ", included " + screened.included() + ", limit " + limit.records());
    }
}
