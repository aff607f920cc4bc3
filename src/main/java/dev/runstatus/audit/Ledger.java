package dev.runstatus.audit;

import dev.runstatus.topology.InputRange;

import java.util.Arrays;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.Map;

/**
 * What reconcile knows of each input offset in a range, in flat arrays (about 10 bytes per offset,
 * nothing per record read): whether an input record is there and how many extended payloads it has,
 * how many branch or dead-letter records name it, whether one was a dead letter, and how many
 * extended-payload records name it.
 */
final class Ledger {

    private static final int NO_INPUT = -1;

    private final Map<Integer, Long> starts = new TreeMap<>();
    private final Map<Integer, int[]> expectedPayloads = new HashMap<>();
    private final Map<Integer, byte[]> outcomes = new HashMap<>();
    private final Map<Integer, boolean[]> deadLettered = new HashMap<>();
    private final Map<Integer, int[]> payloads = new HashMap<>();

    Ledger(InputRange range) {
        range.partitions().forEach((partition, offsets) -> {
            if (offsets.size() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("partition " + partition + " has " + offsets.size()
                        + " offsets in the range; reconcile it in parts of at most " + (Integer.MAX_VALUE - 8));
            }
            int size = (int) offsets.size();
            starts.put(partition, offsets.start());
            int[] expected = new int[size];
            Arrays.fill(expected, NO_INPUT);
            expectedPayloads.put(partition, expected);
            outcomes.put(partition, new byte[size]);
            deadLettered.put(partition, new boolean[size]);
            payloads.put(partition, new int[size]);
        });
    }

    void input(int partition, long offset, int payloadCount) {
        expectedPayloads.get(partition)[index(partition, offset)] = payloadCount;
    }

    boolean hasInput(int partition, long offset) {
        return expectedPayloads.get(partition)[index(partition, offset)] != NO_INPUT;
    }

    void outcome(int partition, long offset, boolean deadLetter) {
        int index = index(partition, offset);
        byte[] counts = outcomes.get(partition);
        counts[index] = (byte) Math.min(Byte.MAX_VALUE, counts[index] + 1);
        deadLettered.get(partition)[index] |= deadLetter;
    }

    void payload(int partition, long offset) {
        payloads.get(partition)[index(partition, offset)]++;
    }

    /** Visits every input record with what was found for it. */
    void forEachInput(InputVisitor visitor) {
        starts.forEach((partition, start) -> {
            int[] expected = expectedPayloads.get(partition);
            for (int index = 0; index < expected.length; index++) {
                if (expected[index] != NO_INPUT) {
                    boolean deadLetter = deadLettered.get(partition)[index];
                    visitor.visit(partition, start + index, outcomes.get(partition)[index], deadLetter,
                            deadLetter ? 0 : expected[index], payloads.get(partition)[index]);
                }
            }
        });
    }

    private int index(int partition, long offset) {
        return (int) (offset - starts.get(partition));
    }

    interface InputVisitor {
        void visit(int partition, long offset, int outcomes, boolean deadLettered, int expectedPayloads, int payloads);
    }
}
