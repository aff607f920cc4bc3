package dev.runstatus.topology;

/** An output record that would exceed the configured size, found before it is sent. */
final class OutputTooLargeException extends RuntimeException {

    OutputTooLargeException(String topic, long bytes, int limit) {
        super("a record for " + topic + " would be " + bytes + " bytes, over the limit of " + limit
                + " (runstatus.max.output.record.bytes)", null, false, false);
    }
}
