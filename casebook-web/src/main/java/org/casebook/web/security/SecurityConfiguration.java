package org.casebook.web.security;

import java.time.Clock;
import java.util.function.Supplier;

import org.casebook.store.study.Studies;
import org.casebook.store.study.Users;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security: form login with bcrypt hashes and throttled failures, sessions in HttpOnly
 * SameSite=Strict cookies (application.properties), CSRF on every state-changing request (pages
 * and API alike), and authorization from {@link AccessRules} only.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration
{
    @Bean
    LoginThrottle loginThrottle(Clock clock)
    {
        return new LoginThrottle(clock);
    }

    @Bean
    StudyAccess studyAccess(Users users)
    {
        return new StudyAccess(users);
    }

    /** Every logged-in session, so that a password change, reset or disable can end a user's sessions. */
    @Bean
    SessionRegistry sessionRegistry()
    {
        return new SessionRegistryImpl();
    }

    /** Tells the session registry when the servlet container ends a session (logout, timeout). */
    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher()
    {
        return new HttpSessionEventPublisher();
    }

    /** Logins, failed logins and lock-outs into the audit trail (Spring Security's authentication events), and downloads. */
    @Bean
    SecurityLog securityLog(org.casebook.store.AuditTrail auditTrail, Users users)
    {
        return new SecurityLog(auditTrail, users);
    }

    @Bean
    UserSessions userSessions(SessionRegistry sessionRegistry)
    {
        return new UserSessions(sessionRegistry);
    }

    /** The only source of logins; as a bean it also keeps Spring Boot from creating a default user. */
    @Bean
    CasebookUser casebookUser(Users users)
    {
        return new CasebookUser(users);
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, CasebookUser casebookUser, LoginThrottle throttle, StudyAccess studyAccess,
            Studies studies, SessionRegistry sessionRegistry, AuthenticationEventPublisher events)
            throws Exception
    {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(casebookUser);
        passwords.setPasswordEncoder(PasswordHashing.encoder());
        RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        Denials denials = new Denials(studyAccess, studies);
        // the only authentication manager, without the global parent Spring would add: that parent
        // would check a refused password again with its own encoder (and fail on bcrypt-sha256 hashes)
        ProviderManager manager = new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle));
        manager.setAuthenticationEventPublisher(events);
        http.authenticationManager(manager)
                .authorizeHttpRequests(authorize -> authorize(authorize, studyAccess))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/studies", true).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .exceptionHandling(errors -> errors
                        // a single default handler would answer pages too: pages keep Spring's own (the error page)
                        .defaultAccessDeniedHandlerFor(new ApiAccessDeniedHandler(denials), api)
                        .defaultAccessDeniedHandlerFor(new PageAccessDeniedHandler(denials), request -> true)
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), api)
                        .defaultAuthenticationEntryPointFor(loginPage(), request -> true))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"))
                        // URLs carry study, case and scan ids: never send them to another site
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId())
                        // any number of sessions per user, but registered, so that UserSessions can end them
                        .maximumSessions(-1).sessionRegistry(sessionRegistry).expiredSessionStrategy(new EndedSessionStrategy()));
        return http.build();
    }

    /** The login page by a relative URL: an absolute one would be built from the request's Host header, which an attacker sets. */
    private static LoginUrlAuthenticationEntryPoint loginPage()
    {
        LoginUrlAuthenticationEntryPoint entryPoint = new LoginUrlAuthenticationEntryPoint("/login");
        entryPoint.setFavorRelativeUris(true);
        return entryPoint;
    }

    private static void authorize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry, StudyAccess studyAccess)
    {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        for (AccessRules.Rule rule : AccessRules.RULES) {
            registry.requestMatchers(paths.matcher(rule.method(), rule.pattern())).access(manager(rule.access(), studyAccess));
        }
        registry.anyRequest().denyAll();
    }

    private static AuthorizationManager<RequestAuthorizationContext> manager(Access access, StudyAccess studyAccess)
    {
        return (Supplier<Authentication> authentication, RequestAuthorizationContext context) ->
                new AuthorizationDecision(studyAccess.allows(access, authentication.get(), studyId(context)));
    }

    private static Long studyId(RequestAuthorizationContext context)
    {
        String text = context.getVariables().get("studyId");
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        }
        catch (NumberFormatException e) {
            return -1L;
        }
    }
}
