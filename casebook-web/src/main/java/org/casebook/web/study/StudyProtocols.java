package org.casebook.web.study;

import org.casebook.error.CasebookException;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.store.NotFoundException;
import org.casebook.store.cases.CaseValueValidator;
import org.casebook.store.study.Studies;
import org.casebook.store.study.Study;
import org.casebook.store.study.StudyProtocolStore;
import org.springframework.stereotype.Component;

/** Finds a study and its protocol: a built-in one, or the protocol files it was created from ({@link StudyProtocolStore}). */
@Component
public class StudyProtocols
{
    private final Studies studies;
    private final StudyProtocolStore store;

    public StudyProtocols(Studies studies, StudyProtocolStore store)
    {
        this.studies = studies;
        this.store = store;
    }

    /**
     * Checks that a new study's protocol named by a request is one of the built-in protocols: the
     * web app does not read protocol files named by a request from the server's disk (an own
     * protocol is uploaded: {@link ProtocolUpload}).
     *
     * @throws CasebookException naming the protocols that exist
     */
    public static String requireBuiltIn(String protocol)
    {
        if (protocol == null || !Protocols.builtInNames().contains(protocol)) {
            throw CasebookException.badInput("unknown protocol '%s': expected one of %s, or upload a protocol file", protocol, Protocols.builtInNames());
        }
        return protocol;
    }

    public Study study(long studyId)
    {
        return studies.find(studyId).orElseThrow(() -> new NotFoundException("study " + studyId));
    }

    public StudyProtocol protocol(long studyId)
    {
        study(studyId);
        return store.protocol(studyId);
    }

    public CaseValueValidator validator(long studyId)
    {
        return new CaseValueValidator(protocol(studyId));
    }
}
