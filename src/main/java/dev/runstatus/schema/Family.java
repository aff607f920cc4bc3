package dev.runstatus.schema;

import java.util.Arrays;
import java.util.Optional;

/** The two document families, each with the .avsc (file name without extension) its records follow. */
public enum Family {
    RUN_RESULT("run-result", "RunResult"),
    AUTH_SESSION_RESULT("auth-session-result", "AuthSessionResult");

    private final String id;
    private final String schemaName;

    Family(String id, String schemaName) {
        this.id = id;
        this.schemaName = schemaName;
    }

    /** The name used on the command line, in headers and in metrics. */
    public String id() {
        return id;
    }

    public String schemaName() {
        return schemaName;
    }

    public static Optional<Family> byId(String id) {
        return Arrays.stream(values()).filter(family -> family.id.equals(id)).findFirst();
    }
}
