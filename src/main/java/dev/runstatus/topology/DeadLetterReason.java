package dev.runstatus.topology;

import dev.runstatus.json.RejectionReason;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The reason codes of dead letters after the parse stage (the parse stage's are {@link RejectionReason}):
 * what the header runstatus.error.reason and the metrics carry, and what redrive filters by.
 */
public enum DeadLetterReason {
    SCHEMA_VIOLATION, UNKNOWN_FAMILY, NO_ROUTE, SERIALIZATION_FAILED, RECORD_TOO_LARGE, PRODUCTION_FAILED, UNEXPECTED_EXCEPTION;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every reason code a dead letter can carry, the parse stage's first. */
    public static List<String> allCodes() {
        List<String> codes = new ArrayList<>(Arrays.stream(RejectionReason.values()).map(RejectionReason::code).toList());
        Arrays.stream(values()).map(DeadLetterReason::code).forEach(codes::add);
        return codes;
    }
}
