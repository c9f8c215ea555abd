package org.casebook.web;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the real server (Tomcat on a port, not MockMvc) answers to a forged Host header: a
 * redirect stays relative instead of sending the browser to the attacker's host. Raw HTTP over a
 * socket, because Java's HTTP client will not send a Host header of our choosing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServerHeadersTest
{
    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry)
    {
        String url = TestDatabases.newDatabaseUrl("sqlite");
        registry.add("casebook.db", () -> url);
        // Tomcat's work folder with the test's other folders, not left in /tmp
        String tomcat = TestFolders.folder("tomcat").toString();
        registry.add("server.tomcat.basedir", () -> tomcat);
    }

    private String get(String path, String host)
            throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void redirectsAreNeverBuiltFromTheHostHeader()
            throws Exception
    {
        String response = get("/studies", "evil.example");
        assertThat(response).startsWith("HTTP/1.1 302");
        assertThat(response).containsPattern("(?i)\r\nLocation: /login\r\n").doesNotContain("evil.example");
        assertThat(response).containsIgnoringCase("Referrer-Policy: same-origin");
    }
}
