package dev.runstatus.topology;

import dev.runstatus.config.Topic;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a topology reads and whether it writes: the running pipeline reads both input topics whole and
 * writes every output; a replay reads one range of one input topic, and a dry run writes nothing.
 */
public record TopologyOptions(Set<Topic> inputs, Optional<InputRange> range, boolean writeOutputs) {

    public TopologyOptions {
        inputs = Collections.unmodifiableSet(new LinkedHashSet<>(inputs));
        if (!Topic.INPUTS.containsAll(inputs) || inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs must be input topics, not " + inputs);
        }
    }

    /** Only the running pipeline runs beside the lifecycle: a replay reads one range and may write nothing. */
    public boolean tracksLifecycle() {
        return range.isEmpty() && writeOutputs;
    }

    public static TopologyOptions pipeline() {
        return new TopologyOptions(Topic.INPUTS, Optional.empty(), true);
    }

    public static TopologyOptions replay(Topic input, InputRange range, boolean writeOutputs) {
        return new TopologyOptions(Set.of(input), Optional.of(range), writeOutputs);
    }
}
