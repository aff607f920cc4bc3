package dev.runstatus.preflight;

import dev.runstatus.acl.AclGrant;
import dev.runstatus.acl.AclRole;
import dev.runstatus.acl.Denials;
import dev.runstatus.acl.Principals;
import dev.runstatus.acl.RequiredAcls;
import dev.runstatus.acl.TopicAccess;
import dev.runstatus.config.ClientProperties;
import dev.runstatus.config.Role;
import dev.runstatus.config.RunStatusConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the principal may do on the topics a command or role needs, asked of the broker before anything is
 * consumed, and each refusal as one line that names the principal, the operations and the topics, and points
 * to the bindings of the role (the operator's for a command).
 */
final class AccessCheck {

    private final RunStatusConfig config;
    private final AclRole role;
    private final List<AclGrant> grants;

    private AccessCheck(RunStatusConfig config, AclRole role, List<AclGrant> grants) {
        this.config = config;
        this.role = role;
        this.grants = grants;
    }

    /** For a command: no grants to check, refusals point to the operator's bindings. */
    static AccessCheck operator(RunStatusConfig config) {
        return new AccessCheck(config, AclRole.OPERATOR, List.of());
    }

    /** For the roles {@code run} starts: the grants of each. */
    static AccessCheck of(RunStatusConfig config, Role role) {
        List<AclGrant> grants = new ArrayList<>();
        if (role.runsRouting()) {
            grants.addAll(RequiredAcls.of(config, AclRole.ROUTING));
        }
        if (role.runsLifecycle()) {
            grants.addAll(RequiredAcls.of(config, AclRole.LIFECYCLE));
        }
        return new AccessCheck(config, role == Role.ALL ? AclRole.ALL : role == Role.ROUTING ? AclRole.ROUTING : AclRole.LIFECYCLE, grants);
    }

    /**
     * Of topics the cluster did not list, those the principal may not describe are refused, not missing: the
     * broker lists only what a principal may describe, and hides whether the others exist.
     */
    void requireDescribable(List<String> unlisted) throws PreflightException {
        Set<String> refused = unlisted.isEmpty() ? Set.of() : admin(admin -> TopicAccess.undescribable(admin, unlisted));
        if (refused.isEmpty()) {
            return;
        }
        Denials denials = denials();
        throw new PreflightException(grants.isEmpty() ? refused.stream().map(topic -> denials.missing(ResourceType.TOPIC, topic,
                List.of(AclOperation.DESCRIBE))).collect(Collectors.joining(", ")) + " (so whether " + (refused.size() == 1
                ? "it exists" : "they exist") + " is not known)" + denials.grantIt() : denials.topics(refused));
    }

    /**
     * The roles may do on their topics what their grants say they need, as far as the broker reports authorized
     * operations, the lifecycle's changelogs included, whether Streams has created them yet or not.
     */
    void requireAuthorized(Collection<String> topics, Set<String> existing, boolean lifecycle) throws PreflightException {
        List<String> changelogs = lifecycle ? RequiredAcls.lifecycleChangelogs(config) : List.of();
        Set<String> refused = changelogs.isEmpty() ? Set.of() : admin(admin -> TopicAccess.undescribable(admin, changelogs));
        if (!refused.isEmpty()) {
            throw new PreflightException(denials().topics(refused));
        }
        List<String> checked = new ArrayList<>(topics);
        changelogs.stream().filter(existing::contains).forEach(checked::add);
        Map<String, List<AclOperation>> missing = admin(admin -> TopicAccess.missing(admin, checked.stream().distinct().toList(), grants));
        if (!missing.isEmpty()) {
            Denials denials = denials();
            throw new PreflightException(missing.entrySet().stream().map(topic -> denials.missing(ResourceType.TOPIC, topic.getKey(),
                    topic.getValue())).collect(Collectors.joining(", ")) + denials.grantIt());
        }
    }

    private Denials denials() {
        return new Denials(Principals.of(config), role, grants);
    }

    private interface AdminCall<T> {
        T apply(Admin admin) throws Exception;
    }

    private <T> T admin(AdminCall<T> call) throws PreflightException {
        try (Admin admin = Admin.create(ClientProperties.common(config))) {
            return call.apply(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreflightException("interrupted while asking Kafka what " + Principals.of(config) + " may do");
        } catch (Exception e) {
            throw new PreflightException("Kafka did not say what " + Principals.of(config) + " may do within "
                    + config.connectTimeout().toSeconds() + " s: " + (e.getCause() == null ? e : e.getCause()));
        }
    }
}
