package dev.runstatus.cli;

import dev.runstatus.acl.AclFormats;
import dev.runstatus.acl.AclGrant;
import dev.runstatus.acl.AclRole;
import dev.runstatus.acl.RequiredAcls;
import dev.runstatus.config.RunStatusConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code runstatus acls --principal User:NAME}: the least ACLs a role needs, derived from the configuration and its topologies. */
@Command(name = "acls", mixinStandardHelpOptions = true,
        description = {"Prints the ACL bindings a principal needs on a cluster with an authorizer, derived from the configured topic"
                + " names and application ids and from the topologies run builds: READ on what an application reads, WRITE on what it"
                + " writes, its group, its transactional ids under exactly-once, and the internal topics of the stateful lifecycle.",
                "Roles: routing and lifecycle (run --role), operator (the commands), all (one principal for everything).",
                "Connects to nothing. Exit code 0, or 2 for a wrong option or configuration."},
        footer = {"", "Examples:", "  runstatus acls --principal User:runstatus --role routing",
                "  runstatus acls --principal User:runstatus-lifecycle --role lifecycle --format kafka-acls",
                "  runstatus acls --principal User:runstatus --config runstatus.properties --format strimzi --cluster my-cluster"})
final class AclsCommand implements Callable<Integer> {

    enum Format { table, json, kafka_acls, strimzi }

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigFile configFile;

    @Option(names = "--principal", required = true, paramLabel = "User:NAME",
            description = "The principal the bindings are for, as the broker sees it (User:NAME, after any principal mapping).")
    String principal;

    @Option(names = "--role", defaultValue = "all", paramLabel = "ROLE", converter = AclRoleConverter.class,
            description = "routing, lifecycle, operator or all (default).")
    AclRole role;

    @Option(names = "--replay-into", paramLabel = "PREFIX", description = "For the operator: the prefixes replay --into writes under"
            + " (it creates, writes and reconcile reads those topics); repeat for more.")
    List<String> replayPrefixes = List.of();

    @Option(names = {"-f", "--format"}, defaultValue = "table", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "table (default), json (one object per binding), kafka-acls (commands for Apache Kafka's kafka-acls.sh)"
                    + " or strimzi (a KafkaUser).")
    Format format;

    @Option(names = "--cluster", defaultValue = "my-cluster", paramLabel = "NAME",
            description = "With --format strimzi: the Kafka cluster the KafkaUser belongs to (its strimzi.io/cluster label; default my-cluster).")
    String cluster;

    @Option(names = "--authentication", defaultValue = "scram-sha-512", paramLabel = "scram-sha-512|tls",
            description = "With --format strimzi: how the KafkaUser authenticates (default scram-sha-512).")
    String authentication;

    @Override
    public Integer call() {
        if (!principal.matches("User:[^:]+")) {
            throw new ParameterException(spec.commandLine(), "--principal must be User:NAME, as the broker names it, not " + principal);
        }
        if (!List.of("scram-sha-512", "tls").contains(authentication)) {
            throw new ParameterException(spec.commandLine(), "--authentication must be scram-sha-512 or tls, not " + authentication);
        }
        RunStatusConfig config = configFile.load(Map.of());
        List<AclGrant> grants = RequiredAcls.of(config, role, replayPrefixes);
        PrintWriter out = spec.commandLine().getOut();
        out.print(switch (format) {
            case table -> AclFormats.table(principal, grants);
            case json -> AclFormats.json(principal, grants);
            case kafka_acls -> AclFormats.kafkaAcls(principal, grants);
            case strimzi -> AclFormats.strimzi(principal, grants, cluster, authentication);
        });
        out.flush();
        return ExitCodes.OK;
    }

    static final class AclRoleConverter implements CommandLine.ITypeConverter<AclRole> {
        @Override
        public AclRole convert(String value) {
            try {
                return AclRole.of(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            return Arrays.stream(Format.values()).filter(format -> format.name().replace('_', '-').equals(value)).findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException("unknown format '" + value
                            + "', expected table, json, kafka-acls or strimzi"));
        }
    }
}
