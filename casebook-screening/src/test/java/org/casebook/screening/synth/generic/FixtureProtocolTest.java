package org.casebook.screening.synth.generic;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FixtureProtocolTest
{
    static Path fixture(String name)
    {
        try {
            return Path.of(FixtureProtocolTest.class.getResource(name + "/protocol.yaml").toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void fixtureParses()
    {
        StudyProtocol protocol = Protocols.fromFile(fixture("glp1"));
        assertThat(protocol.eligibility()).hasSize(10);
        assertThat(protocol.extract()).hasSize(17);
    }
}
