package dev.runstatus.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Every {@code schemas/families.json} on the classpath, read once and checked as a whole. The same entry
 * twice (the jar and its classes directory both on a classpath) counts once.
 */
record FamilyTable(List<Family> families, List<URL> locations) {

    static final String RESOURCE = "schemas/families.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One family as the file has it; an unknown property is an error, so a misspelt one is not silently ignored. */
    record Entry(String id, String schema, String topics, String branches, String queryPath, String key,
                 boolean extendedPayloads, List<String> progress, List<String> completed, List<String> errors) {
    }

    static FamilyTable load() {
        List<URL> locations;
        try {
            locations = Collections.list(FamilyTable.class.getClassLoader().getResources(RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for " + RESOURCE + " on the classpath", e);
        }
        List<Entry> entries = new ArrayList<>();
        List<Family> families = new ArrayList<>();
        for (URL location : locations) {
            for (Entry entry : read(location)) {
                Entry checked = check(entry, location);
                if (!entries.contains(checked)) {
                    entries.add(checked);
                    families.add(new Family(checked));
                }
            }
        }
        if (families.isEmpty()) {
            throw new IllegalStateException("no family in any " + RESOURCE + " on the classpath");
        }
        requireDistinct(families, Family::id, "id");
        requireDistinct(families, Family::topics, "topics");
        requireDistinct(families, Family::branches, "branches");
        requireDistinct(families, Family::queryPath, "queryPath");
        return new FamilyTable(List.copyOf(families), List.copyOf(locations));
    }

    private static Entry[] read(URL location) {
        try {
            return JSON.readValue(location, Entry[].class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the family table " + where(location) + ": " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the family table " + where(location), e);
        }
    }

    private static Entry check(Entry entry, URL location) {
        List<String> missing = new ArrayList<>();
        if (blank(entry.id())) missing.add("id");
        if (blank(entry.schema())) missing.add("schema");
        if (blank(entry.topics())) missing.add("topics");
        if (blank(entry.branches())) missing.add("branches");
        if (blank(entry.queryPath()) || !entry.queryPath().startsWith("/")) missing.add("queryPath (starting with /)");
        if (entry.progress() == null || entry.progress().isEmpty()) missing.add("progress");
        if (entry.completed() == null || entry.completed().isEmpty()) missing.add("completed");
        if (entry.errors() == null || entry.errors().isEmpty()) missing.add("errors");
        if (entry.extendedPayloads() && blank(entry.key())) missing.add("key (extended payloads name their parent by it)");
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the family " + entry.id() + " in " + where(location) + " needs " + String.join(", ", missing));
        }
        Set<String> statuses = new HashSet<>();
        for (String status : concat(entry.progress(), entry.completed(), entry.errors())) {
            if (!statuses.add(status)) {
                throw new IllegalStateException("the family " + entry.id() + " in " + where(location) + " names status " + status + " twice");
            }
        }
        return new Entry(entry.id(), entry.schema(), entry.topics(), entry.branches(), entry.queryPath(), entry.key(),
                entry.extendedPayloads(), List.copyOf(entry.progress()), List.copyOf(entry.completed()), List.copyOf(entry.errors()));
    }

    private static List<String> concat(List<String> first, List<String> second, List<String> third) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        all.addAll(third);
        return all;
    }

    /** A file's path, or the URL of a table inside a jar. */
    private static String where(URL location) {
        try {
            return "file".equals(location.getProtocol()) ? Path.of(location.toURI()).toString() : location.toString();
        } catch (URISyntaxException e) {
            return location.toString();
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void requireDistinct(List<Family> families, Function<Family, String> property, String name) {
        Set<String> seen = new HashSet<>();
        for (Family family : families) {
            if (!seen.add(property.apply(family))) {
                throw new IllegalStateException("two families share the " + name + " " + property.apply(family) + " in " + RESOURCE);
            }
        }
    }
}
