package dev.runstatus.load;

import dev.runstatus.schema.Family;

/** One generated input record: its family, key and value, and whether it was made valid. */
public record SyntheticDocument(Family family, byte[] key, byte[] value, boolean valid) {
}
