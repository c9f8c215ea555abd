package org.casebook.cli.web;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class ServeCommandTest
{
    @Test
    void listensOnThisMachineOnlyUnlessTold()
    {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs();
        assertThat(serve.host).isEqualTo("127.0.0.1");
        ServeCommand everywhere = new ServeCommand();
        new CommandLine(everywhere).parseArgs("--host", "0.0.0.0", "--port", "8443");
        assertThat(everywhere.host).isEqualTo("0.0.0.0");
        assertThat(everywhere.port).isEqualTo(8443);
    }
}
