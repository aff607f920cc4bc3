package dev.runstatus.topology;

/** Where an input record was read: the coordinates a dead-letter record points back to. */
public record SourceCoordinates(String topic, int partition, long offset) {
}
