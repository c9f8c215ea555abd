package org.casebook.cli;

import picocli.CommandLine;

/** The version printed by {@code --version} and in reports, from the jar manifest. */
public final class CasebookVersion
        implements CommandLine.IVersionProvider
{
    public static String current()
    {
        String version = CasebookVersion.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }

    @Override
    public String[] getVersion()
    {
        return new String[] {"casebook " + current()};
    }
}
