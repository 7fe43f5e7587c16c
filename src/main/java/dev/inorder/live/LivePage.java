package dev.inorder.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.LaunchMode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/**
 * The live page ({@code /}, {@code /index.html}, {@code /app.js}, {@code /style.css}: plain files under
 * {@code src/main/resources/live-page}), served from one exact-path route each. Not from Quarkus's static files
 * ({@code META-INF/resources}): their route has no path, so every {@code POST /events} went through it too (a match on
 * the path, a miss on the method, and the methods it allows noted for a 405), a measurable part of a small event's cost
 * (bench/README.md). The files are read once at start (in dev mode, at each request).
 */
@ApplicationScoped
public class LivePage {

    static final String FOLDER = "live-page/";

    /** Each file and its media type; {@code /} is {@code index.html}. */
    static final Map<String, String> FILES = Map.of("index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8", "style.css", "text/css; charset=utf-8");

    void install(@Observes Router router) {
        // In dev mode an edit of a file does not restart the application (Quarkus copies it and goes on): read it anew
        // for each request there, so the page shows the edit (.ci/devmode-test.sh).
        boolean dev = LaunchMode.current() == LaunchMode.DEVELOPMENT;
        FILES.forEach((name, type) -> {
            Buffer atStart = Buffer.buffer(read(name));
            String path = "/" + name;
            for (String route : name.equals("index.html") ? new String[] { "/", path } : new String[] { path }) {
                router.route(route).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, type).putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                        .end(dev ? Buffer.buffer(read(name)) : atStart));
            }
        });
    }

    private static byte[] read(String name) {
        try (InputStream in = LivePage.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("The live page's " + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
