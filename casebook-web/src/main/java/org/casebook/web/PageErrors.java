package org.casebook.web;

import jakarta.servlet.http.HttpServletResponse;
import org.casebook.error.CasebookException;
import org.casebook.web.account.AccountPages;
import org.casebook.web.cases.CasePages;
import org.casebook.web.cases.DashboardPages;
import org.casebook.web.reading.ReadingPages;
import org.casebook.web.results.ReportPages;
import org.casebook.web.results.ResultsPages;
import org.casebook.web.study.ScreeningPages;
import org.casebook.web.study.StudyPages;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Shows casebook failures on pages as a message with the right status (404, 400); never a stack trace. */
@ControllerAdvice(assignableTypes = {StudyPages.class, CasePages.class, ReadingPages.class, ResultsPages.class, ReportPages.class, ScreeningPages.class, AccountPages.class,
        DashboardPages.class, org.casebook.web.account.UserAdministration.class, org.casebook.web.audit.AuditPages.class})
public class PageErrors
{
    @ExceptionHandler(CasebookException.class)
    String casebook(CasebookException e, Model model, HttpServletResponse response)
    {
        response.setStatus(e.errorCode().httpStatus());
        model.addAttribute("error", e.getMessage());
        return "error-page";
    }
}
