package org.casebook.web.study;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.casebook.error.CasebookException;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.store.NotFoundException;
import org.casebook.store.cases.CaseValueValidator;
import org.casebook.store.study.Studies;
import org.casebook.store.study.Study;
import org.springframework.stereotype.Component;

/** Finds a study and its protocol (read once per protocol name). */
@Component
public class StudyProtocols
{
    private final Studies studies;
    private final Map<String, StudyProtocol> protocols = new ConcurrentHashMap<>();

    public StudyProtocols(Studies studies)
    {
        this.studies = studies;
    }

    /**
     * Checks that a new study's protocol is one of the built-in protocols: the web app does not
     * read protocol files named by a request from the server's disk.
     *
     * @throws CasebookException naming the protocols that exist
     */
    public static String requireBuiltIn(String protocol)
    {
        if (protocol == null || !Protocols.builtInNames().contains(protocol)) {
            throw CasebookException.badInput("unknown protocol '%s': expected one of %s", protocol, Protocols.builtInNames());
        }
        return protocol;
    }

    public Study study(long studyId)
    {
        return studies.find(studyId).orElseThrow(() -> new NotFoundException("study " + studyId));
    }

    public StudyProtocol protocol(long studyId)
    {
        return protocols.computeIfAbsent(study(studyId).protocol(), Protocols::load);
    }

    public CaseValueValidator validator(long studyId)
    {
        return new CaseValueValidator(protocol(studyId));
    }
}
