package dev.runstatus.acl;

import dev.runstatus.config.RunStatusConfig;
import dev.runstatus.config.TopicNames;
import dev.runstatus.lifecycle.LifecycleConfig;
import dev.runstatus.lifecycle.LifecycleTopology;
import dev.runstatus.metrics.LifecycleMetrics;
import dev.runstatus.metrics.PipelineMetrics;
import dev.runstatus.registry.SchemaIds;
import dev.runstatus.registry.SchemaRegistries;
import dev.runstatus.topology.OutputSchemas;
import dev.runstatus.topology.RunStatusTopology;
import dev.runstatus.topology.TopologyOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.TopologyDescription;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Each role's topology as {@code run} builds it, described before anything connects: what it reads, writes
 * and stores, for its ACLs and for the preflight. Building does no I/O and resolves no schema id, so any
 * id and an empty registry will do.
 */
public final class RoleTopologies {

    private static final int ANY_SCHEMA_ID = 1;

    private RoleTopologies() {
    }

    public static TopologyDescription routing(RunStatusConfig config, TopologyOptions options) {
        TopicNames topics = config.topics();
        return RunStatusTopology.build(config.pipelineSettings(), config.schemaCatalog(),
                anyIds(OutputSchemas.routing(topics, config.schemaCatalog())), new PipelineMetrics(new SimpleMeterRegistry(), topics),
                options).describe();
    }

    public static TopologyDescription lifecycle(RunStatusConfig config) {
        TopicNames topics = config.topics();
        return LifecycleTopology.build(LifecycleConfig.of(config), topics, anyIds(OutputSchemas.lifecycle(topics)),
                SchemaRegistries.inMemory(RoleTopologies.class.getName()), new LifecycleMetrics(new SimpleMeterRegistry())).describe();
    }

    private static SchemaIds anyIds(Map<String, ?> subjects) {
        return new SchemaIds(subjects.keySet().stream().collect(Collectors.toMap(Function.identity(), subject -> ANY_SCHEMA_ID)));
    }
}
