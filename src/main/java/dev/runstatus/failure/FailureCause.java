package dev.runstatus.failure;

import dev.runstatus.registry.RegistryException;
import dev.runstatus.registry.RegistryUnavailableException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.errors.MissingSourceTopicException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why something around the data path failed, and whether waiting can heal it. Transient causes are
 * retried (a failed stream thread is replaced); permanent ones stop the instance, since no retry can fix
 * credentials, a deleted topic or schema, or a missing permission. A transient cause that keeps
 * replacing threads becomes permanent too ({@link ThreadReplacements}).
 */
public enum FailureCause {
    BROKER_UNAVAILABLE(false),
    REGISTRY_UNREACHABLE(false),
    DEAD_LETTER_REFUSED(false),
    UNEXPECTED(false),
    TOPIC_MISSING(true),
    NOT_AUTHORIZED(true),
    AUTHENTICATION_FAILED(true),
    REGISTRY_REFUSED_ACCESS(true),
    SCHEMA_MISSING(true),
    REGISTRY_ERROR(true);

    private final boolean permanent;

    FailureCause(boolean permanent) {
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }

    /**
     * Whether a record being processed when this happened may be blamed for it (set aside as a dead letter
     * or an unreadable report): only for what is not a known failure around the data path. A registry or
     * cluster that does not answer, or refuses runstatus, fails the task instead, so that it is retried.
     */
    public boolean blamesTheRecord() {
        return this == UNEXPECTED;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(FailureCause::id).toList();
    }

    /**
     * The cause of a failure: the most telling exception anywhere in its chain, so that a retriable timeout
     * whose cause is a deleted topic reads as the deleted topic.
     */
    public static FailureCause of(Throwable failure) {
        List<Throwable> chain = chain(failure);
        if (any(chain, MissingSourceTopicException.class) || any(chain, UnknownTopicOrPartitionException.class)) {
            return TOPIC_MISSING;
        }
        if (any(chain, AuthorizationException.class)) {
            return NOT_AUTHORIZED;
        }
        if (any(chain, AuthenticationException.class)) {
            return AUTHENTICATION_FAILED;
        }
        if (any(chain, RecordTooLargeException.class)) {
            return DEAD_LETTER_REFUSED;
        }
        Optional<RegistryException> registry = chain.stream().filter(RegistryException.class::isInstance)
                .map(RegistryException.class::cast).findFirst();
        if (registry.isPresent()) {
            RegistryException e = registry.get();
            return e instanceof RegistryUnavailableException ? REGISTRY_UNREACHABLE
                    : e.refusedAccess() ? REGISTRY_REFUSED_ACCESS : e.status() == 404 ? SCHEMA_MISSING : REGISTRY_ERROR;
        }
        return any(chain, RetriableException.class) ? BROKER_UNAVAILABLE : UNEXPECTED;
    }

    /** The failure and its causes, outermost first, each once even where a cause refers back. */
    public static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    /** The first exception of this type in the failure's chain. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        return chain(failure).stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    private static boolean any(List<Throwable> chain, Class<? extends Throwable> type) {
        return chain.stream().anyMatch(type::isInstance);
    }
}
