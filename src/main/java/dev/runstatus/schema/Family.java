package dev.runstatus.schema;

import java.net.URL;
import java.util.List;
import java.util.Optional;

/**
 * A document family: one entry of {@code schemas/families.json}, the one place where families differ.
 * Its topics, routes, lifecycle ranks, query path and encoding are all derived from this entry. Every
 * {@code schemas/families.json} on the classpath adds its families, so a directory or jar holding that
 * file and the family's .avsc adds a family without a rebuild.
 */
public final class Family {

    private static final FamilyTable TABLE = FamilyTable.load();

    /** The families of the API's reference pages, as the bundled table names them. */
    public static final Family RUN_RESULT = require("run-result");
    public static final Family AUTH_SESSION_RESULT = require("auth-session-result");

    private final FamilyTable.Entry entry;
    private final Optional<String> keyField;

    Family(FamilyTable.Entry entry) {
        this.entry = entry;
        this.keyField = Optional.ofNullable(entry.key());
    }

    /** Every family, in the order of the tables: the bundled one first. */
    public static List<Family> values() {
        return TABLE.families();
    }

    public static Optional<Family> byId(String id) {
        return values().stream().filter(family -> family.id().equals(id)).findFirst();
    }

    /** Where the tables were read from: the directories beside them hold the families' schemas. */
    static List<URL> tables() {
        return TABLE.locations();
    }

    private static Family require(String id) {
        return byId(id).orElseThrow(() -> new IllegalStateException("the bundled family " + id + " is missing from "
                + FamilyTable.RESOURCE + " on the classpath"));
    }

    /** The name used on the command line, in headers and in metrics, for example "run-result". */
    public String id() {
        return entry.id();
    }

    /** The .avsc file name, without the extension, of the family's documents. */
    public String schemaName() {
        return entry.schema();
    }

    /** The stem of the family's topic names: {@code <topics>.raw}, {@code <topics>.completed} and so on. */
    public String topics() {
        return entry.topics();
    }

    /** The stem of the family's branch and processor names in the topologies, for example "run-result". */
    public String branches() {
        return entry.branches();
    }

    /** The query API's path for the family's runs, for example "/runs". */
    public String queryPath() {
        return entry.queryPath();
    }

    /** The root field whose value keys the family's output records; without one, the input record's key does. */
    public Optional<String> keyField() {
        return keyField;
    }

    /** Whether each item of the document's {@code extendedPayloads} array becomes a record of its own. */
    public boolean extendedPayloads() {
        return entry.extendedPayloads();
    }

    /** The statuses of a run in progress, in the order a run passes through them. */
    public List<String> progressStatuses() {
        return entry.progress();
    }

    /** The terminal statuses of a run that succeeded. */
    public List<String> completedStatuses() {
        return entry.completed();
    }

    /** The terminal statuses of a run that did not. */
    public List<String> errorStatuses() {
        return entry.errors();
    }

    @Override
    public String toString() {
        return id();
    }
}
