package dev.runstatus.cli;

import dev.runstatus.audit.RangeSpec;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.Optional;

/** A range of an input topic, by offsets per partition or by time; without any, the whole topic as it is now. */
final class RangeOptions {

    @Option(names = "--from-offsets", paramLabel = "P:OFFSET[,...]",
            description = "First offset per partition (inclusive); partitions not named start at their beginning.")
    String fromOffsets;

    @Option(names = "--to-offsets", paramLabel = "P:OFFSET[,...]",
            description = "End offset per partition (exclusive); partitions not named end at their end now.")
    String toOffsets;

    @Option(names = "--from-time", paramLabel = "INSTANT",
            description = "Start at the first record with this timestamp or later, e.g. 2026-11-01T00:00:00Z.")
    Instant fromTime;

    @Option(names = "--to-time", paramLabel = "INSTANT", description = "End before the first record with this timestamp or later.")
    Instant toTime;

    RangeSpec spec() {
        return new RangeSpec(RangeSpec.parseOffsets(fromOffsets), RangeSpec.parseOffsets(toOffsets),
                Optional.ofNullable(fromTime), Optional.ofNullable(toTime));
    }
}
