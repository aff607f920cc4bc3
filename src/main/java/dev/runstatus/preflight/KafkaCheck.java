package dev.runstatus.preflight;

import dev.runstatus.acl.Principals;
import dev.runstatus.failure.FailureCause;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.utils.Utils;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Can the Kafka cluster be reached, and does it answer as Kafka, within the time allowed? First each
 * bootstrap server's name and TCP port, which tells "unknown host" and "connection refused" at once and
 * without a client's retries; then one metadata request through an admin client with the configured
 * security, which tells a TLS or authentication failure.
 */
final class KafkaCheck {

    private static final Duration CONNECT_ATTEMPT = Duration.ofSeconds(5);

    private KafkaCheck() {
    }

    /** The names of the cluster's topics, once it has answered; otherwise the reason, in one line. */
    static Set<String> topics(Map<String, Object> clientProperties, Duration timeout) throws PreflightException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String servers = String.valueOf(clientProperties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
        requireOneReachable(servers, deadline);
        Map<String, Object> properties = new HashMap<>(clientProperties);
        int remaining = remainingMillis(deadline);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, remaining);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, remaining);
        Admin admin = Admin.create(properties);
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(remaining)).nodes().get(remaining, TimeUnit.MILLISECONDS);
            return admin.listTopics(new ListTopicsOptions().timeoutMs(remainingMillis(deadline))).names()
                    .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new PreflightException(failure(servers, clientProperties, e.getCause(), timeout));
        } catch (TimeoutException e) {
            throw new PreflightException(failure(servers, clientProperties, e, timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreflightException("interrupted while checking Kafka at " + servers);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private static String failure(String servers, Map<String, Object> properties, Throwable cause, Duration timeout) {
        if (cause instanceof SslAuthenticationException) {
            return "TLS handshake with Kafka at " + servers + " failed: " + rootMessage(cause) + (isUntrusted(cause)
                    ? " (the broker's certificate is not signed by a CA in " + SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG + " "
                    + properties.getOrDefault(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, "(not set: the JVM's own CAs)") + ")" : "");
        }
        if (cause instanceof SaslAuthenticationException) {
            String jaas = String.valueOf(properties.getOrDefault(SaslConfigs.SASL_JAAS_CONFIG, ""));
            return "authentication failed for user " + Principals.saslUser(jaas).orElse("(no username in " + SaslConfigs.SASL_JAAS_CONFIG + ")")
                    + " (" + properties.getOrDefault(SaslConfigs.SASL_MECHANISM, SaslConfigs.DEFAULT_SASL_MECHANISM) + ") at Kafka "
                    + servers + ": " + rootMessage(cause);
        }
        if (cause instanceof AuthenticationException) {
            return "authentication with Kafka at " + servers + " failed: " + rootMessage(cause);
        }
        if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return "Kafka at " + servers + " accepts connections but answered no request within " + timeout.toSeconds()
                    + " s: is it a Kafka listener, and does security.protocol ("
                    + properties.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT") + ") match it?";
        }
        if (cause instanceof UnsupportedVersionException) {
            return "Kafka at " + servers + " answers, but not as a broker: it serves no metadata requests, as a KRaft controller"
                    + " listener does not; give a broker listener in bootstrap.servers";
        }
        return "Kafka at " + servers + " failed: " + rootMessage(cause);
    }

    private static boolean isUntrusted(Throwable failure) {
        return FailureCause.chain(failure).stream()
                .anyMatch(cause -> cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException);
    }

    private static void requireOneReachable(String servers, long deadline) throws PreflightException {
        List<String> failures = new ArrayList<>();
        for (String server : Arrays.stream(servers.split(",")).map(String::trim).filter(each -> !each.isEmpty()).toList()) {
            String host = Utils.getHost(server);
            Integer port = Utils.getPort(server);
            if (host == null || port == null) {
                throw new PreflightException("bootstrap.servers must be HOST:PORT[,HOST:PORT...], not '" + servers + "'");
            }
            String problem = reach(host, port, deadline);
            if (problem == null) {
                return;
            }
            failures.add(server + " (" + problem + ")");
        }
        if (failures.isEmpty()) {
            throw new PreflightException("no Kafka bootstrap servers are configured (bootstrap.servers)");
        }
        throw new PreflightException("cannot reach Kafka at " + String.join(", ", failures));
    }

    /** Null when a TCP connection opened, else why not. */
    private static String reach(String host, int port, long deadline) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return "unknown host";
        }
        String problem = null;
        for (InetAddress address : addresses) {
            int timeout = Math.max(1, Math.min(remainingMillis(deadline), (int) CONNECT_ATTEMPT.toMillis()));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), timeout);
                return null;
            } catch (ConnectException e) {
                problem = "connection refused";
            } catch (SocketTimeoutException e) {
                problem = "no answer within " + timeout + " ms";
            } catch (NoRouteToHostException e) {
                problem = "no route to host";
            } catch (IOException e) {
                problem = e.getMessage();
            }
        }
        return problem;
    }

    private static int remainingMillis(long deadline) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
