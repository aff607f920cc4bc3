package dev.runstatus.registry;

import java.util.List;

/** Whether a schema may be registered under a subject, and, when the registry says, why not. */
public record Compatibility(boolean compatible, List<String> messages) {

    public Compatibility {
        messages = List.copyOf(messages);
    }

    public static Compatibility yes() {
        return new Compatibility(true, List.of());
    }
}
