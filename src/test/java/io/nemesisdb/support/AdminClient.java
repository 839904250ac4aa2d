package io.nemesisdb.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.helidon.microprofile.server.ServerCdiExtension;
import jakarta.enterprise.inject.spi.CDI;

/** Plain HTTP GETs against a server's admin (or any) port on 127.0.0.1, for health and metrics. */
public final class AdminClient {

    /** A response: status code and body. */
    public record Response(int status, String body) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AdminClient() {
    }

    /** The admin port of the server a {@code @HelidonTest} started. */
    public static int adminPort() {
        return CDI.current().getBeanManager().getExtension(ServerCdiExtension.class).port("admin");
    }

    public static Response get(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }
}
