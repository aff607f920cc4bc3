package dev.runstatus.config;

import dev.runstatus.schema.Family;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every topic runstatus reads or writes, with its default name: runstatus's own, and each family's,
 * named from the family's topic stem. Each name can be changed with the config key
 * {@code runstatus.topic.<default name>}, for example {@code runstatus.topic.runstatus.dlq}.
 */
public final class Topic {

    public static final Topic DEAD_LETTER = new Topic("runstatus.dlq", null);
    /** Which dead letters have been redriven, keyed by their coordinates: the guard against redriving one twice. */
    public static final Topic REDRIVE_LEDGER = new Topic("runstatus.dlq.redriven", null);
    /** Illegal and late reports, stalled, ended-after-stall and abandoned runs, from the lifecycle step. */
    public static final Topic LIFECYCLE_EVENTS = new Topic("runstatus.lifecycle-events", null);

    private static final Map<Family, FamilyTopics> BY_FAMILY = byFamily();
    private static final List<Topic> ALL = all();

    /** The raw input topics the pipeline reads. */
    public static final Set<Topic> INPUTS = ordered(BY_FAMILY.values().stream().map(FamilyTopics::input));
    /** Everything the pipeline writes: the branch topics, extended payloads and dead letters. */
    public static final Set<Topic> OUTPUTS = ordered(Stream.concat(BY_FAMILY.values().stream().flatMap(FamilyTopics::outputs),
            Stream.of(DEAD_LETTER)));
    /** What the lifecycle step writes; it reads the branch topics. */
    public static final Set<Topic> LIFECYCLE = ordered(Stream.concat(BY_FAMILY.values().stream().map(FamilyTopics::status),
            Stream.of(LIFECYCLE_EVENTS)));

    private final String defaultName;
    private final Family family;

    private Topic(String defaultName, Family family) {
        this.defaultName = defaultName;
        this.family = family;
    }

    /** A family's topics: what it reads, its branches (completed, errors, progress), its extended payloads, its status. */
    private record FamilyTopics(Topic input, Topic completed, Topic errors, Topic progress, Optional<Topic> extendedPayloads,
                                Topic status) {

        static FamilyTopics of(Family family) {
            return new FamilyTopics(named(family, ".raw"), named(family, ".completed"), named(family, ".errors"),
                    named(family, ".progress"),
                    family.extendedPayloads() ? Optional.of(named(family, ".extended-payloads")) : Optional.empty(),
                    named(family, ".status"));
        }

        private static Topic named(Family family, String suffix) {
            return new Topic(family.topics() + suffix, family);
        }

        Stream<Topic> outputs() {
            return Stream.concat(Stream.of(completed, errors, progress), extendedPayloads.stream());
        }
    }

    /** Every topic, in the order commands list them: inputs, outputs, the redrive ledger, the lifecycle's. */
    public static List<Topic> values() {
        return ALL;
    }

    /** The raw input topic of a document family. */
    public static Topic inputOf(Family family) {
        return BY_FAMILY.get(family).input();
    }

    public static Topic completedOf(Family family) {
        return BY_FAMILY.get(family).completed();
    }

    public static Topic errorsOf(Family family) {
        return BY_FAMILY.get(family).errors();
    }

    public static Topic progressOf(Family family) {
        return BY_FAMILY.get(family).progress();
    }

    /** A family's branch topics, all keyed by the run's key: its completed, errors and progress topics. */
    public static List<Topic> branchesOf(Family family) {
        FamilyTopics topics = BY_FAMILY.get(family);
        return List.of(topics.completed(), topics.errors(), topics.progress());
    }

    /** Where a family's extended payloads go, if its documents have them fanned out. */
    public static Optional<Topic> extendedPayloadsOf(Family family) {
        return BY_FAMILY.get(family).extendedPayloads();
    }

    /** The compacted topic with the current state of a family's runs. */
    public static Topic statusOf(Family family) {
        return BY_FAMILY.get(family).status();
    }

    /** The family whose topic this is; runstatus's own topics have none. */
    public Optional<Family> family() {
        return Optional.ofNullable(family);
    }

    public String defaultName() {
        return defaultName;
    }

    public String configKey() {
        return ConfigKeys.TOPIC_PREFIX + defaultName;
    }

    @Override
    public String toString() {
        return defaultName;
    }

    private static Map<Family, FamilyTopics> byFamily() {
        Map<Family, FamilyTopics> topics = new LinkedHashMap<>();
        Family.values().forEach(family -> topics.put(family, FamilyTopics.of(family)));
        return topics;
    }

    private static List<Topic> all() {
        List<Topic> all = new ArrayList<>();
        BY_FAMILY.values().forEach(topics -> all.add(topics.input()));
        BY_FAMILY.values().forEach(topics -> topics.outputs().forEach(all::add));
        all.add(DEAD_LETTER);
        all.add(REDRIVE_LEDGER);
        BY_FAMILY.values().forEach(topics -> all.add(topics.status()));
        all.add(LIFECYCLE_EVENTS);
        return List.copyOf(all);
    }

    private static Set<Topic> ordered(Stream<Topic> topics) {
        Set<Topic> ordered = topics.collect(Collectors.toCollection(LinkedHashSet::new));
        return Collections.unmodifiableSet(ordered);
    }
}
