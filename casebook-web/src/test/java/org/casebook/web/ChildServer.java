package org.casebook.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web app started as a separate JVM on the test's classpath, so a test can kill it with
 * SIGKILL (kill -9) and start it again on the same database; and a logged-in HTTP client of it.
 */
final class ChildServer
        implements AutoCloseable
{
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final Process process;
    final int port;

    private ChildServer(Process process, int port)
    {
        this.process = process;
        this.port = port;
    }

    static ChildServer start(String jdbcUrl, Path log)
            throws IOException, InterruptedException
    {
        return start(jdbcUrl, log, List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"));
    }

    /** A server in a JVM with {@code jvmOptions} (the page timings run it with the JVM's default compilers, as {@code casebook serve} does). */
    static ChildServer start(String jdbcUrl, Path log, List<String> jvmOptions)
            throws IOException, InterruptedException
    {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        // its Tomcat folders, and an upload's copy left by a kill -9, go with the test JVM's folders
        command.add("-Djava.io.tmpdir=" + TestFolders.folder("casebook-server"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                CasebookWebApplication.class.getName(), "--casebook.db=" + jdbcUrl, "--server.port=" + port));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ChildServer server = new ChildServer(process, port);
        server.awaitReady(Duration.ofSeconds(120));
        return server;
    }

    private void awaitReady(Duration timeout)
            throws InterruptedException
    {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue());
            }
            try {
                if (client.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            }
            catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("server did not start within " + timeout);
    }

    /** SIGKILL: no shutdown hooks, no connection pool close, no transaction rollback by the server. */
    void killNine()
            throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor();
    }

    URI uri(String path)
    {
        return URI.create("http://localhost:" + port + path);
    }

    /** A logged-in session: its cookie and the CSRF token to send as X-CSRF-TOKEN. */
    Session login(String username, String password)
            throws IOException, InterruptedException
    {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
        String loginPage = client.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        String form = "username=" + username + "&password=" + password.replace(" ", "+") + "&_csrf=" + csrf(loginPage);
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("login of " + username + " failed: " + login.statusCode());
        }
        String studies = client.send(HttpRequest.newBuilder(uri("/studies")).build(), HttpResponse.BodyHandlers.ofString()).body();
        return new Session(this, client, csrf(studies));
    }

    private static String csrf(String html)
    {
        Matcher matcher = CSRF.matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("no CSRF token in page");
        }
        return matcher.group(1);
    }

    /** A logged-in client. */
    record Session(ChildServer server, HttpClient client, String csrf)
    {
        HttpResponse<String> get(String path)
                throws IOException, InterruptedException
        {
            return client.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> send(String method, String path, String json)
                throws IOException, InterruptedException
        {
            return client.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json").header("X-CSRF-TOKEN", csrf)
                    .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Uploads files as multipart {@code files}. */
        HttpResponse<String> upload(String path, List<Path> files)
                throws IOException, InterruptedException
        {
            String boundary = "casebook" + System.nanoTime();
            StringBuilder body = new StringBuilder();
            for (Path file : files) {
                body.append("--").append(boundary).append("\r\n")
                        .append("Content-Disposition: form-data; name=\"files\"; filename=\"").append(file.getFileName()).append("\"\r\n")
                        .append("Content-Type: text/csv\r\n\r\n")
                        .append(Files.readString(file)).append("\r\n");
            }
            body.append("--").append(boundary).append("--\r\n");
            return client.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .header("X-CSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server process's CPU time so far (every thread: requests, garbage collection, compilation), from /proc; -1 where there is none. */
    long cpuMillis()
    {
        return ProcessCpu.millis(process.pid());
    }

    @Override
    public void close()
            throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
