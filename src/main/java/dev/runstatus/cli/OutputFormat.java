package dev.runstatus.cli;

import picocli.CommandLine.Option;

/** -f/--format: text for people, json (one object) for scripts. */
final class OutputFormat {

    enum Format { text, json }

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "text|json",
            description = "Output: text (default) or json, for scripts.")
    Format format;

    boolean json() {
        return format == Format.json;
    }
}
