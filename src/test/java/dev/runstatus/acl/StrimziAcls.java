package dev.runstatus.acl;

import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A Strimzi KafkaUser's ACLs read back as grants, through Strimzi's own model, so that a test compares them with the derived ones. */
public final class StrimziAcls {

    private StrimziAcls() {
    }

    public static List<AclGrant> grants(KafkaUserAuthorizationSimple authorization) {
        return authorization.getAcls().stream().map(StrimziAcls::grant).toList();
    }

    private static AclGrant grant(AclRule rule) {
        Set<AclOperation> operations = EnumSet.noneOf(AclOperation.class);
        rule.getOperations().forEach(operation -> operations.add(AclOperation.fromString(operation.toValue().replaceAll("([a-z])([A-Z])", "$1_$2")
                .toUpperCase(Locale.ROOT))));
        if (rule.getResource() instanceof AclRuleTopicResource topic) {
            return new AclGrant(ResourceType.TOPIC, topic.getName(), pattern(topic.getPatternType()), operations);
        }
        if (rule.getResource() instanceof AclRuleGroupResource group) {
            return new AclGrant(ResourceType.GROUP, group.getName(), pattern(group.getPatternType()), operations);
        }
        if (rule.getResource() instanceof AclRuleTransactionalIdResource id) {
            return new AclGrant(ResourceType.TRANSACTIONAL_ID, id.getName(), pattern(id.getPatternType()), operations);
        }
        throw new IllegalArgumentException("runstatus grants no ACL on " + rule.getResource());
    }

    private static PatternType pattern(AclResourcePatternType type) {
        return type == AclResourcePatternType.PREFIX ? PatternType.PREFIXED : PatternType.LITERAL;
    }
}
