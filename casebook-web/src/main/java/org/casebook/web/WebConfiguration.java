package org.casebook.web;

import org.casebook.store.study.Users;
import org.casebook.web.account.OneTimePasswordInterceptor;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** MVC wiring: the one-time password check in front of every handler. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration
        implements WebMvcConfigurer
{
    private final Users users;

    public WebConfiguration(Users users)
    {
        this.users = users;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry)
    {
        registry.addInterceptor(new OneTimePasswordInterceptor(users));
    }
}
