package dev.runstatus.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The runstatus commands of a README's {@code sh} blocks, as a shell would split them, with the exit
 * codes their comments allow, and the same commands with the addresses and file names of a test.
 */
final class ReadmeCommands {

    private static final String JAR = "java -jar target/runstatus.jar";
    /** A comment such as "# exit 1 if one is missing" or "# exit 2 while it runs" allows that exit code beside 0. */
    private static final Pattern DOCUMENTED_EXIT = Pattern.compile("exit (\\d) (if|while)");
    private static final Set<String> WITHOUT_CONNECTION = Set.of("run", "validate", "generate-completion", "run-status", "acls");

    /** Where the test's cluster, registry, pipeline and files are. */
    record Addresses(String bootstrap, String registry, String metricsUrl, Path work) {
    }

    /** One command: its README line, its text, its arguments, and the exit codes documented for it. */
    record Command(int line, String text, List<String> args, Set<Integer> allowedExitCodes) {

        List<String> adapted(Addresses addresses) throws IOException {
            Map<String, String> replaced = Map.of("kafka:9092", addresses.bootstrap(), "127.0.0.1:9092", addresses.bootstrap(),
                    "http://registry:8081", addresses.registry(), "http://127.0.0.1:8081/apis/ccompat/v7", addresses.registry(),
                    "http://127.0.0.1:9464", addresses.metricsUrl());
            List<String> adapted = new ArrayList<>();
            for (String arg : args) {
                if (arg.equals("*.json")) {
                    try (Stream<Path> files = Files.list(addresses.work())) {
                        files.filter(file -> file.toString().endsWith(".json")).sorted().forEach(file -> adapted.add(file.toString()));
                    }
                } else if (!arg.startsWith("-") && !arg.isEmpty() && Files.exists(addresses.work().resolve(arg))) {
                    adapted.add(addresses.work().resolve(arg).toString());
                } else {
                    adapted.add(replaced.getOrDefault(arg, arg));
                }
            }
            if (!WITHOUT_CONNECTION.contains(adapted.get(0))) {
                if (!adapted.contains("--bootstrap-servers") && !adapted.contains("-b") && !adapted.contains("--bootstrap-server")) {
                    adapted.addAll(List.of("--bootstrap-servers", addresses.bootstrap()));
                }
                if (!adapted.contains("--schema-registry-url")) {
                    adapted.addAll(List.of("--schema-registry-url", addresses.registry()));
                }
            }
            return adapted;
        }
    }

    private ReadmeCommands() {
    }

    static List<Command> of(String readme) {
        List<Command> commands = new ArrayList<>();
        List<String> lines = readme.lines().toList();
        boolean inBlock = false;
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            if (line.startsWith("```")) {
                inBlock = !inBlock && line.equals("```sh");
                continue;
            }
            if (!inBlock) {
                continue;
            }
            int first = index;
            StringBuilder logical = new StringBuilder();
            while (withoutComment(line).endsWith("\\") && index + 1 < lines.size()) {
                logical.append(withoutComment(line), 0, withoutComment(line).length() - 1).append(' ');
                line = lines.get(++index);
            }
            logical.append(line);
            String text = logical.toString();
            for (String part : withoutComment(text).split("&&")) {
                int at = part.indexOf(JAR);
                if (at >= 0) {
                    Matcher documented = DOCUMENTED_EXIT.matcher(comment(text));
                    Set<Integer> exits = documented.find() ? Set.of(0, Integer.parseInt(documented.group(1))) : Set.of(0);
                    commands.add(new Command(first + 1, text.strip(), split(part.substring(at + JAR.length())), exits));
                }
            }
        }
        return commands;
    }

    private static String withoutComment(String line) {
        int hash = line.indexOf(" #");
        return (hash < 0 ? line : line.substring(0, hash)).stripTrailing();
    }

    private static String comment(String line) {
        int hash = line.indexOf(" #");
        return hash < 0 ? "" : line.substring(hash + 2);
    }

    /** Splits as a POSIX shell does for what the README uses: spaces, single quotes, and $'...' with \t. */
    static List<String> split(String text) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean started = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                int end = text.indexOf('\'', i + 2);
                current.append(text.substring(i + 2, end).replace("\\t", "\t").replace("\\n", "\n"));
                i = end;
                started = true;
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                current.append(text, i + 1, end);
                i = end;
                started = true;
            } else if (Character.isWhitespace(c)) {
                if (started) {
                    args.add(current.toString());
                    current.setLength(0);
                    started = false;
                }
            } else {
                current.append(c);
                started = true;
            }
        }
        if (started) {
            args.add(current.toString());
        }
        return args;
    }
}
