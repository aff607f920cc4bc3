package dev.runstatus.acl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.runstatus.config.ConfigKeys;
import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.Topics;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RequiredAclsTest {

    private static final RunStatusConfig DEFAULTS = RunStatusConfig.load(Optional.empty(), Map.of(), Map.of());

    @Test
    void theRoutingReadsTheInputsWritesEveryOutputAndOwnsItsGroupAndTransactions() {
        assertEquals(List.of(
                "TOPIC auth-session-results.completed LITERAL [WRITE]",
                "TOPIC auth-session-results.errors LITERAL [WRITE]",
                "TOPIC auth-session-results.progress LITERAL [WRITE]",
                "TOPIC auth-session-results.raw LITERAL [READ]",
                "TOPIC run-results.completed LITERAL [WRITE]",
                "TOPIC run-results.errors LITERAL [WRITE]",
                "TOPIC run-results.extended-payloads LITERAL [WRITE]",
                "TOPIC run-results.progress LITERAL [WRITE]",
                "TOPIC run-results.raw LITERAL [READ]",
                "TOPIC runstatus.dlq LITERAL [WRITE]",
                "GROUP runstatus LITERAL [READ]",
                "TRANSACTIONAL_ID runstatus- PREFIXED [WRITE, DESCRIBE]"), lines(RequiredAcls.of(DEFAULTS, AclRole.ROUTING)));
    }

    @Test
    void theLifecycleReadsTheBranchesWritesStatusesAndOwnsItsInternalTopics() {
        assertEquals(List.of(
                "TOPIC auth-session-results.completed LITERAL [READ]",
                "TOPIC auth-session-results.errors LITERAL [READ]",
                "TOPIC auth-session-results.progress LITERAL [READ]",
                "TOPIC auth-session-results.status LITERAL [WRITE]",
                "TOPIC run-results.completed LITERAL [READ]",
                "TOPIC run-results.errors LITERAL [READ]",
                "TOPIC run-results.progress LITERAL [READ]",
                "TOPIC run-results.status LITERAL [WRITE]",
                "TOPIC runstatus-lifecycle- PREFIXED [READ, WRITE, CREATE, DELETE, DESCRIBE_CONFIGS]",
                "TOPIC runstatus.lifecycle-events LITERAL [WRITE]",
                "GROUP runstatus-lifecycle LITERAL [READ]",
                "TRANSACTIONAL_ID runstatus-lifecycle- PREFIXED [WRITE, DESCRIBE]"), lines(RequiredAcls.of(DEFAULTS, AclRole.LIFECYCLE)));
    }

    @Test
    void theLifecyclesChangelogsAreNamedAfterItsApplicationAndStores() {
        assertEquals(List.of("runstatus-lifecycle-run-result-lifecycle-changelog", "runstatus-lifecycle-auth-session-result-lifecycle-changelog"),
                RequiredAcls.lifecycleChangelogs(DEFAULTS));
    }

    @Test
    void namesComeFromTheConfigurationAndTransactionsOnlyUnderExactlyOnce() {
        RunStatusConfig config = RunStatusConfig.load(Optional.empty(), Map.of(), Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "rs",
                Topics.RUN_RESULTS_RAW.configKey(), "in.raw", ConfigKeys.LIFECYCLE_APPLICATION_ID, "states",
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE));
        List<String> routing = lines(RequiredAcls.of(config, AclRole.ROUTING));
        assertEquals(List.of("TOPIC in.raw LITERAL [READ]", "GROUP rs LITERAL [READ]"),
                routing.stream().filter(line -> line.contains("in.raw") || !line.startsWith("TOPIC")).toList());
        List<String> lifecycle = lines(RequiredAcls.of(config, AclRole.LIFECYCLE));
        assertEquals(List.of("TOPIC states- PREFIXED [READ, WRITE, CREATE, DELETE, DESCRIBE_CONFIGS]", "GROUP states LITERAL [READ]"),
                lifecycle.stream().filter(line -> line.contains("states")).toList());
    }

    @Test
    void allIsEveryRolesGrantsWithEachResourceOnce() {
        List<AclGrant> all = RequiredAcls.of(DEFAULTS, AclRole.ALL);
        assertEquals(all.size(), all.stream().map(AclGrant::pattern).distinct().count());
        for (AclRole role : List.of(AclRole.ROUTING, AclRole.LIFECYCLE, AclRole.OPERATOR)) {
            for (AclGrant grant : RequiredAcls.of(DEFAULTS, role)) {
                AclGrant merged = all.stream().filter(candidate -> candidate.pattern().equals(grant.pattern())).findFirst().orElseThrow();
                assertEquals(true, merged.operations().containsAll(grant.operations()), grant + " in " + merged);
            }
        }
    }

    @Test
    void jsonHasOneObjectPerGrantAndStrimziReadsTheKafkaUser() throws Exception {
        List<AclGrant> grants = RequiredAcls.of(DEFAULTS, AclRole.ROUTING);
        JsonNode json = new ObjectMapper().readTree(AclFormats.json("User:rs", grants));
        assertEquals(grants.size(), json.size());
        assertEquals(JsonMapper.builder().build().readTree("{\"principal\":\"User:rs\",\"resourceType\":\"TRANSACTIONAL_ID\","
                + "\"name\":\"runstatus-\",\"patternType\":\"PREFIXED\",\"operations\":[\"WRITE\",\"DESCRIBE\"]}"), json.get(grants.size() - 1));

        KafkaUser user = new YAMLMapper().readValue(AclFormats.strimzi("User:rs", grants, "prod", "tls"), KafkaUser.class);
        assertEquals("rs", user.getMetadata().getName());
        assertEquals("prod", user.getMetadata().getLabels().get("strimzi.io/cluster"));
        assertEquals("tls", user.getSpec().getAuthentication().getType());
        assertEquals(grants, StrimziAcls.grants((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()));
    }

    @Test
    void kafkaAclsCommandsNameEveryOperation() {
        String commands = AclFormats.kafkaAcls("User:rs", RequiredAcls.of(DEFAULTS, AclRole.ROUTING));
        assertEquals("kafka-acls.sh --bootstrap-server \"$BOOTSTRAP\" --command-config admin.properties --add --allow-principal 'User:rs'"
                + " --operation Write --operation Describe --transactional-id 'runstatus-' --resource-pattern-type prefixed",
                commands.lines().reduce((first, second) -> second).orElseThrow());
        assertEquals(12, commands.lines().count());
    }

    static List<String> lines(List<AclGrant> grants) {
        return grants.stream().map(grant -> grant.resourceType() + " " + grant.name() + " " + grant.patternType() + " "
                + grant.operations()).toList();
    }
}
