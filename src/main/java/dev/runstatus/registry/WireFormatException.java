package dev.runstatus.registry;

/** Bytes that are not a Confluent wire-format value. */
public final class WireFormatException extends IllegalArgumentException {

    public WireFormatException(String message) {
        super(message);
    }
}
