package dev.runstatus.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One JSON request to the registry with Confluent's media type, basic auth, TLS, a timeout, and retries
 * with exponential backoff and jitter on I/O errors, 429 and 5xx, within the settings' retry budget. A
 * 4xx answer is final.
 */
final class RegistryHttp {

    static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistrySettings settings;
    private final HttpClient client;
    private final String baseUrl;
    private final String authorization;

    RegistryHttp(RegistrySettings settings) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.requestTimeout());
        settings.tls().ifPresent(builder::sslContext);
        this.client = builder.build();
        String url = settings.url().toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.authorization = settings.basicAuthUserInfo()
                .map(userInfo -> "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)))
                .orElse(null);
    }

    JsonNode send(String method, String path, JsonNode body) {
        HttpRequest request = request(method, path, body);
        Duration backoff = settings.initialBackoff();
        long deadline = System.nanoTime() + settings.retryBudget().toNanos();
        for (int attempt = 0; ; attempt++) {
            String failure;
            Exception cause = null;
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status < 300) {
                    return JSON.readTree(response.body());
                }
                if (status < 500 && status != 429) {
                    throw clientError(method, path, status, response.body());
                }
                failure = "HTTP " + status;
            } catch (IOException e) {
                failure = describe(e);
                cause = e;
                if (!mayHeal(e)) {
                    throw new RegistryUnavailableException("schema registry " + method + " " + baseUrl + path + ": " + failure, failure, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("interrupted while calling the schema registry", e);
            }
            if (attempt >= settings.maxRetries() || System.nanoTime() + backoff.toNanos() > deadline) {
                throw new RegistryUnavailableException("schema registry " + method + " " + baseUrl + path + " failed after "
                        + (attempt + 1) + (attempt == 0 ? " attempt: " : " attempts: ") + failure, failure, cause);
            }
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : backoff.multipliedBy(2);
        }
    }

    /** A certificate the client does not trust, or a host name that does not resolve, stays so however long one waits. */
    private static boolean mayHeal(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLHandshakeException || cause instanceof UnresolvedAddressException
                    || cause instanceof UnknownHostException) {
                return false;
            }
        }
        return true;
    }

    /** What went wrong, in the words an operator searches for. */
    private String describe(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "unknown host";
            }
            if (cause instanceof SSLHandshakeException || cause instanceof SSLException) {
                Throwable root = cause;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                return "TLS handshake failed (" + root.getMessage() + ")";
            }
            if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
                return "no answer within " + settings.requestTimeout().toMillis() + " ms";
            }
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
        }
        return e.toString();
    }

    private HttpRequest request(String method, String path, JsonNode body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(settings.requestTimeout())
                .header("Accept", MEDIA_TYPE);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        try {
            return builder.header("Content-Type", MEDIA_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RegistryException clientError(String method, String path, int status, String body) {
        int errorCode = status;
        String message = body;
        try {
            JsonNode error = JSON.readTree(body);
            errorCode = error.path("error_code").asInt(status);
            message = error.path("message").asText(body);
        } catch (IOException unreadable) {
            // the body is not JSON: keep it as the message
        }
        return new RegistryException("schema registry " + method + " " + path + " answered " + status + " (" + errorCode + "): "
                + message, status, errorCode, message);
    }

    private static void sleep(Duration backoff) {
        long millis = backoff.toMillis();
        try {
            Thread.sleep(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while waiting to retry the schema registry", e);
        }
    }
}
