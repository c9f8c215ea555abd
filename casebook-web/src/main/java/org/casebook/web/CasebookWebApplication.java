package org.casebook.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The study web app. {@code casebook serve} starts it through {@link #start}; the store opens
 * and migrates its own database, so Spring's DataSource and Flyway auto-configuration stay off.
 */
@OpenAPIDefinition(info = @Info(title = "casebook study API", version = "1",
        description = "Studies, cases, blinded CT reading and results. Log in at /login; send the CSRF token of any page as X-CSRF-TOKEN. "
                + "Every endpoint checks the caller's role in the study (docs/web.md)."))
@SpringBootApplication(exclude = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
public class CasebookWebApplication
{
    /**
     * Starts the server.
     *
     * @param jdbcUrl {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://…}
     * @param host the address to listen on ({@code 127.0.0.1}: this machine only)
     * @param port the HTTP port; 0 picks a free one
     */
    public static ConfigurableApplicationContext start(String jdbcUrl, String host, int port, String... args)
    {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("casebook.db", jdbcUrl);
        properties.put("server.address", host);
        properties.put("server.port", port);
        SpringApplication application = new SpringApplication(CasebookWebApplication.class);
        application.setDefaultProperties(properties);
        return application.run(args);
    }

    public static void main(String[] args)
    {
        SpringApplication.run(CasebookWebApplication.class, args);
    }
}
