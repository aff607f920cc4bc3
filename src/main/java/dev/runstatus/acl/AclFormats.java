package dev.runstatus.acl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The grants of a role written as an operator applies them: a table, JSON, kafka-acls commands, a Strimzi KafkaUser. */
public final class AclFormats {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private AclFormats() {
    }

    public static String table(String principal, List<AclGrant> grants) {
        StringBuilder text = new StringBuilder(String.format("%-16s %-48s %-9s %s%n", "RESOURCE", "NAME", "PATTERN", "OPERATIONS"));
        for (AclGrant grant : grants) {
            text.append(String.format("%-16s %-48s %-9s %s%n", grant.resourceType(), grant.name(), grant.patternType(),
                    grant.operations().stream().map(AclOperation::name).collect(Collectors.joining(","))));
        }
        return text.append(grants.size()).append(grants.size() == 1 ? " binding" : " bindings").append(" for ").append(principal)
                .append(System.lineSeparator()).toString();
    }

    /** One object per grant: principal, resourceType, name, patternType, operations. */
    public static String json(String principal, List<AclGrant> grants) {
        ArrayNode array = JSON.createArrayNode();
        for (AclGrant grant : grants) {
            ObjectNode binding = array.addObject().put("principal", principal).put("resourceType", grant.resourceType().name())
                    .put("name", grant.name()).put("patternType", grant.patternType().name());
            grant.operations().forEach(operation -> binding.withArray("operations").add(operation.name()));
        }
        return write(JSON, array);
    }

    /** Apache Kafka's kafka-acls.sh, one command per grant; the admin's connection settings go in --command-config. */
    public static String kafkaAcls(String principal, List<AclGrant> grants) {
        StringBuilder text = new StringBuilder();
        for (AclGrant grant : grants) {
            text.append("kafka-acls.sh --bootstrap-server \"$BOOTSTRAP\" --command-config admin.properties --add --allow-principal '")
                    .append(principal).append("'");
            grant.operations().forEach(operation -> text.append(" --operation ").append(pascal(operation.name())));
            text.append(" ").append(resourceOption(grant.resourceType())).append(" '").append(grant.name()).append("'")
                    .append(" --resource-pattern-type ").append(grant.patternType().name().toLowerCase(Locale.ROOT))
                    .append(System.lineSeparator());
        }
        return text.toString();
    }

    /**
     * A Strimzi KafkaUser named after the principal's user name, with simple authorization and these ACLs;
     * {@code authentication} is scram-sha-512 or tls.
     */
    public static String strimzi(String principal, List<AclGrant> grants, String cluster, String authentication) {
        ObjectNode user = YAML.createObjectNode().put("apiVersion", "kafka.strimzi.io/v1beta2").put("kind", "KafkaUser");
        ObjectNode metadata = user.putObject("metadata").put("name", userName(principal));
        metadata.putObject("labels").put("strimzi.io/cluster", cluster);
        ObjectNode spec = user.putObject("spec");
        spec.putObject("authentication").put("type", authentication);
        ObjectNode authorization = spec.putObject("authorization").put("type", "simple");
        ArrayNode acls = authorization.putArray("acls");
        for (AclGrant grant : grants) {
            ObjectNode acl = acls.addObject();
            acl.putObject("resource").put("type", camel(grant.resourceType().name())).put("name", grant.name())
                    .put("patternType", grant.patternType() == PatternType.LITERAL ? "literal" : "prefix");
            grant.operations().forEach(operation -> acl.withArray("operations").add(pascal(operation.name())));
            acl.put("host", "*");
        }
        return write(YAML, user);
    }

    /** The user name of a principal {@code User:NAME}. */
    public static String userName(String principal) {
        return principal.substring(principal.indexOf(':') + 1);
    }

    private static String resourceOption(ResourceType type) {
        return switch (type) {
            case TOPIC -> "--topic";
            case GROUP -> "--group";
            case TRANSACTIONAL_ID -> "--transactional-id";
            case CLUSTER -> "--cluster";
            default -> throw new IllegalArgumentException("no kafka-acls option for " + type);
        };
    }

    private static String pascal(String constant) {
        StringBuilder name = new StringBuilder();
        for (String part : constant.split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    /** TRANSACTIONAL_ID as transactionalId, Strimzi's resource type. */
    private static String camel(String constant) {
        String pascal = pascal(constant);
        return Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
    }

    private static String write(ObjectMapper mapper, Object tree) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + (mapper == JSON ? System.lineSeparator() : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
