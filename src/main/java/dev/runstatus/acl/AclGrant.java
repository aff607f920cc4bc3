package dev.runstatus.acl;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Operations runstatus needs on one resource (a topic, a group, a transactional id, by name or by prefix), allowed from any host. */
public record AclGrant(ResourceType resourceType, String name, PatternType patternType, Set<AclOperation> operations) {

    public AclGrant {
        operations = Collections.unmodifiableSet(EnumSet.copyOf(operations));
    }

    public static AclGrant literal(ResourceType type, String name, AclOperation... operations) {
        return new AclGrant(type, name, PatternType.LITERAL, EnumSet.of(operations[0], operations));
    }

    public static AclGrant prefixed(ResourceType type, String prefix, AclOperation... operations) {
        return new AclGrant(type, prefix, PatternType.PREFIXED, EnumSet.of(operations[0], operations));
    }

    public ResourcePattern pattern() {
        return new ResourcePattern(resourceType, name, patternType);
    }

    /** Whether this grant covers the named resource: the same name, or a name under this prefix. */
    public boolean covers(ResourceType type, String resource) {
        return type == resourceType && (patternType == PatternType.LITERAL ? resource.equals(name) : resource.startsWith(name));
    }

    /** Kafka's own bindings for this grant: one per operation, allowed for the principal from any host. */
    public List<AclBinding> bindings(String principal) {
        return operations.stream().map(operation -> new AclBinding(pattern(),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW))).toList();
    }

    /** The same resource with both grants' operations. */
    AclGrant with(AclGrant other) {
        Set<AclOperation> union = EnumSet.copyOf(operations);
        union.addAll(other.operations);
        return new AclGrant(resourceType, name, patternType, union);
    }
}
