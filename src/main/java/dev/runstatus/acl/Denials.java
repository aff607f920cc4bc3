package dev.runstatus.acl;

import dev.runstatus.failure.FailureCause;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns the broker's "not authorized" into the permission that is missing, named as the operator grants
 * it: who, which operation, on what, and the command that prints every binding. The operation comes from
 * the grants the role needs on that resource, since the broker's error names only the resource.
 */
public final class Denials {

    private final String principal;
    private final AclRole role;
    private final List<AclGrant> grants;

    public Denials(String principal, AclRole role, List<AclGrant> grants) {
        this.principal = principal;
        this.role = role;
        this.grants = grants;
    }

    /** One line for an authorization failure anywhere in the chain; empty for any other failure. */
    public Optional<String> explain(Throwable failure) {
        for (Throwable cause : FailureCause.chain(failure)) {
            if (cause instanceof TopicAuthorizationException topics) {
                return Optional.of(topics.unauthorizedTopics().isEmpty() ? principal + " may not use a topic the broker did not name ("
                        + firstLine(cause) + ")" + grantIt() : topics(topics.unauthorizedTopics()));
            }
            if (cause instanceof GroupAuthorizationException group && group.groupId() != null) {
                return Optional.of(missing(ResourceType.GROUP, group.groupId()) + grantIt());
            }
            if (cause instanceof TransactionalIdAuthorizationException) {
                return Optional.of(grants.stream().filter(grant -> grant.resourceType() == ResourceType.TRANSACTIONAL_ID).findFirst()
                        .map(grant -> principal + " may not " + operations(grant) + " transactional ids " + name(grant))
                        .orElse(principal + " may not use transactional ids") + grantIt());
            }
            if (cause instanceof ClusterAuthorizationException) {
                return Optional.of(principal + " may not perform a cluster operation (" + firstLine(cause) + ")" + grantIt());
            }
        }
        return Optional.empty();
    }

    /** Topics the role may no longer use, with the operations it needs on each. */
    public String topics(Collection<String> topics) {
        return topics.stream().sorted().map(topic -> missing(ResourceType.TOPIC, topic)).collect(Collectors.joining(", ")) + grantIt();
    }

    /** A permission the preflight found missing: an operation on a resource. */
    public String missing(ResourceType type, String name, List<AclOperation> operations) {
        return principal + " may not " + operations.stream().map(AclOperation::name).collect(Collectors.joining(" or ")) + " "
                + type.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + name;
    }

    /** Where the operator finds every binding of the role. */
    public String grantIt() {
        return "; grant it (runstatus acls --role " + role.id() + " prints every binding)";
    }

    private String missing(ResourceType type, String name) {
        return grants.stream().filter(grant -> grant.covers(type, name)).findFirst()
                .map(grant -> missing(type, name, List.copyOf(grant.operations())))
                .orElse(principal + " may not use " + type.name().toLowerCase(Locale.ROOT) + " " + name);
    }

    private static String operations(AclGrant grant) {
        return grant.operations().stream().map(AclOperation::name).collect(Collectors.joining(" or "));
    }

    private static String name(AclGrant grant) {
        return grant.patternType() == PatternType.PREFIXED ? "starting with " + grant.name() : grant.name();
    }

    private static String firstLine(Throwable cause) {
        return String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
    }
}
