package dev.runstatus.topology;

import org.apache.kafka.streams.TopologyDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The topics a built topology reads (its sources) and writes (its sinks), as its description names them. */
public record TopologyTopics(List<String> sources, List<String> sinks) {

    public static TopologyTopics of(TopologyDescription topology) {
        TreeSet<String> sources = new TreeSet<>();
        TreeSet<String> sinks = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    sources.addAll(source.topicSet());
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    sinks.add(sink.topic());
                }
            }
        }
        return new TopologyTopics(List.copyOf(sources), List.copyOf(sinks));
    }

    /** Every topic it reads or writes, each once. */
    public List<String> all() {
        TreeSet<String> all = new TreeSet<>(sources);
        all.addAll(sinks);
        return new ArrayList<>(all);
    }
}
