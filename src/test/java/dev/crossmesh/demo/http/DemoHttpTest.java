package dev.crossmesh.demo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.demo.fields.Json;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/** The demo API server's HTTP layer as any client meets it, over java.net.http. */
class DemoHttpTest {
    private static final String CLUSTER = "demo-cluster-1";
    private static final String SECRET_VALUE = "do-not-print-this-token";
    @TempDir
    static Path dir;
    private static DemoClusters demo;
    private static HttpClient http;
    private static String base;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoClusters.builder().clusters(1).kubeconfig(dir.resolve("kubeconfig")).withoutSimulation().start();
        base = demo.server(CLUSTER).url();
        token = demo.server(CLUSTER).adminToken();
        demo.server(CLUSTER).adminClient().secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName("creds")
                .endMetadata().addToStringData("token", SECRET_VALUE).build()).create();
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    private static HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder b = request(path).GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyAnswerSaysItsContentType() throws Exception {
        for (String path : List.of("/api", "/apis", "/api/v1", "/apis/apps/v1", "/version", "/api/v1/namespaces", "/api/v1/namespaces/default",
                "/api/v1/namespaces/default/pods/missing", "/healthz", "/openapi/v3", "/openapi/v3/api/v1", "/metrics",
                "/api/v1/namespaces/default/secrets")) {
            HttpResponse<String> response = get(path, "application/vnd.kubernetes.protobuf, application/json");
            assertTrue(response.headers().firstValue("Content-Type").isPresent(), path + " answered without a Content-Type");
        }
        HttpResponse<String> created = http.send(request("/api/v1/namespaces/default/configmaps").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"typed\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("application/json", created.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void unknownPathsAreNotFoundAndShowNoStoredData() throws Exception {
        for (String path : List.of("/metrics", "/no/such/path", "/api/v1/namespaces/default/services/kubernetes/proxy",
                "/api/v1/namespaces/default/services/kubernetes/proxy/anything", "/.well-known/openid-configuration", "/logs")) {
            HttpResponse<String> response = get(path, null);
            assertEquals(404, response.statusCode(), path + ": " + response.body());
            Map<String, Object> status = Json.object(Json.parse(response.body()));
            assertEquals("Status", status.get("kind"), path);
            assertEquals("NotFound", status.get("reason"), path);
            assertFalse(response.body().contains("items") || response.body().contains(SECRET_VALUE) || response.body().contains("BEGIN"), path);
        }
        HttpResponse<String> exec = get("/api/v1/namespaces/default/pods/missing/exec?command=ls", null);
        assertEquals(400, exec.statusCode(), exec.body());
        assertFalse(exec.body().contains("items"), exec.body());
        HttpResponse<String> missing = get("/api/v1/namespaces/default/pods/missing/log", null);
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("pods \\\"missing\\\" not found"), missing.body());
    }

    @Test
    void healthChecksAnswerAsAnApiServer() throws Exception {
        for (String endpoint : List.of("/healthz", "/livez", "/readyz")) {
            HttpResponse<String> plain = get(endpoint, null);
            assertEquals("ok", plain.body());
            assertTrue(plain.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            String verbose = get(endpoint + "?verbose", null).body();
            assertTrue(verbose.startsWith("[+]ping ok") && verbose.endsWith(endpoint.substring(1) + " check passed\n"), verbose);
        }
    }

    @Test
    void protobufBodiesAreReadOrRefused() throws Exception {
        HttpResponse<String> refused = http.send(request("/api/v1/namespaces").header("Content-Type", ContentTypes.PROTOBUF)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(415, refused.statusCode(), refused.body());
        assertEquals("UnsupportedMediaType", Json.string(Json.parse(refused.body()), "reason"));

        byte[] namespace = protobufNamespace("from-protobuf");
        HttpResponse<String> created = http.send(request("/api/v1/namespaces").header("Content-Type", ContentTypes.PROTOBUF)
                .header("Accept", "application/vnd.kubernetes.protobuf, application/json").POST(HttpRequest.BodyPublishers.ofByteArray(namespace))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        assertNotNull(demo.server(CLUSTER).adminClient().namespaces().withName("from-protobuf").get());
        assertEquals(Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", "from-protobuf")),
                ProtobufBodies.decode(namespace).orElseThrow());
    }

    @Test
    void tablesHaveTheColumnsKubectlPrints() throws Exception {
        HttpResponse<String> response = get("/api/v1/namespaces", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        Map<String, Object> table = Json.object(Json.parse(response.body()));
        assertEquals("Table", table.get("kind"));
        List<Object> columns = Json.list(table.get("columnDefinitions"));
        assertEquals(List.of("Name", "Status", "Age"), columns.stream().map(c -> Json.string(c, "name")).toList());
        assertTrue(Json.list(table.get("rows")).stream().anyMatch(r -> Json.list(Json.at(r, "cells")).get(0).equals("default")));
        Map<String, Object> list = Json.object(Json.parse(get("/api/v1/namespaces", null).body()));
        assertEquals("NamespaceList", list.get("kind"));
        assertFalse(Json.string(list, "metadata", "resourceVersion").isEmpty());
    }

    @Test
    void chunkedWatchSendsWhatChangesAfterItsResourceVersion() throws Exception {
        String rv = Json.string(Json.parse(get("/api/v1/namespaces", null).body()), "metadata", "resourceVersion");
        HttpResponse<InputStream> watch = http.send(request("/api/v1/namespaces?watch=true&timeoutSeconds=5&allowWatchBookmarks=true"
                + "&resourceVersion=" + rv).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, watch.statusCode());
        assertTrue(watch.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        BufferedReader lines = new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8));
        CompletableFuture<Map<String, Object>> first = CompletableFuture.supplyAsync(() -> nextEvent(lines, "ADDED"));
        demo.server(CLUSTER).adminClient().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("watched").endMetadata().build())
                .create();
        Map<String, Object> added = first.get(10, TimeUnit.SECONDS);
        assertEquals("watched", Json.string(added, "object", "metadata", "name"), "only what changed after " + rv + ": " + added);
        lines.close();

        HttpResponse<String> fromStart = http.send(request("/api/v1/namespaces?watch=true&timeoutSeconds=1&allowWatchBookmarks=true").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        List<Object> events = fromStart.body().lines().map(Json::parse).toList();
        List<String> names = events.stream().filter(e -> "ADDED".equals(Json.string(e, "type")))
                .map(e -> Json.string(e, "object", "metadata", "name")).toList();
        assertTrue(events.stream().anyMatch(e -> "BOOKMARK".equals(Json.string(e, "type"))
                && !Json.string(e, "object", "metadata", "resourceVersion").isEmpty()), fromStart.body());
        assertTrue(names.containsAll(List.of("default", "watched")), names.toString());
        assertEquals(names.size(), names.stream().distinct().count(), "each object once: " + names);
    }

    private static Map<String, Object> nextEvent(BufferedReader lines, String type) {
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Map<String, Object> event = Json.object(Json.parse(line));
                if (type.equals(event.get("type"))) {
                    return event;
                }
            }
            throw new AssertionError("the watch ended before a " + type + " event");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A Namespace as kubectl 1.32 sends it: {@code k8s\0} and a runtime.Unknown around the object's own message. */
    private static byte[] protobufNamespace(String name) {
        byte[] metadata = field(1, name.getBytes(StandardCharsets.UTF_8));
        byte[] raw = field(1, metadata);
        byte[] typeMeta = concat(field(1, "v1".getBytes(StandardCharsets.UTF_8)), field(2, "Namespace".getBytes(StandardCharsets.UTF_8)));
        return concat(new byte[] {'k', '8', 's', 0}, field(1, typeMeta), field(2, raw), field(3, new byte[0]), field(4, new byte[0]));
    }

    private static byte[] field(int number, byte[] value) {
        return concat(new byte[] {(byte) (number << 3 | 2), (byte) value.length}, value);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
