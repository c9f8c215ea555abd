package org.casebook.yaml;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.error.Messages;

/** A mistake in a YAML file (protocol or code set), located by file, line and key. */
public class YamlFormatException
        extends CasebookException
{
    private final String file;
    private final int line;
    private final String key;

    public YamlFormatException(String file, int line, String key, String problem)
    {
        super(ErrorCode.BAD_INPUT, Messages.shorten(file, 1000) + " line " + line + (key.isEmpty() ? "" : ", key '" + Messages.shorten(key, 200) + "'") + ": " + problem);
        this.file = file;
        this.line = line;
        this.key = key;
    }

    public String file()
    {
        return file;
    }

    public int line()
    {
        return line;
    }

    public String key()
    {
        return key;
    }
}
