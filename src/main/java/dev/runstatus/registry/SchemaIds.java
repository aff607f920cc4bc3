package dev.runstatus.registry;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The registry id of the value schema of each output subject, resolved before any record is processed. */
public record SchemaIds(Map<String, Integer> bySubject) {

    public SchemaIds {
        bySubject = Collections.unmodifiableMap(new LinkedHashMap<>(bySubject));
    }

    /** These ids for the given subjects alone. */
    public SchemaIds only(Collection<String> subjects) {
        Map<String, Integer> kept = new LinkedHashMap<>(bySubject);
        kept.keySet().retainAll(subjects);
        return new SchemaIds(kept);
    }

    public int of(String subject) {
        Integer id = bySubject.get(subject);
        if (id == null) {
            throw new IllegalArgumentException("no schema id was resolved for subject " + subject + " among " + bySubject.keySet());
        }
        return id;
    }
}
