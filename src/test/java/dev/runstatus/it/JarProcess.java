package dev.runstatus.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real runstatus jar in a process of its own, as a user starts it from a terminal: its own session
 * and process group (so a signal can go to the whole group, as Ctrl-C sends it), SIGINT and SIGHUP at
 * their defaults whatever the build inherited, and its output in files a test reads.
 */
final class JarProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "runstatus.jar").toAbsolutePath();
    /** perl is part of every Debian (perl-base): a new session, and the signals a terminal's child starts with. */
    private static final List<String> AS_FROM_A_TERMINAL = List.of("perl", "-MPOSIX", "-e",
            "$SIG{INT} = 'DEFAULT'; $SIG{HUP} = 'DEFAULT'; POSIX::setsid(); exec @ARGV or die \"exec: $!\"");
    private static final Pattern PID = Pattern.compile("pid (\\d+)");

    private final Process process;
    private final Path out;
    private final Path err;

    private JarProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code java -jar runstatus.jar ARGS} in {@code directory}, with its output in NAME.out and NAME.err there. */
    static JarProcess start(Path directory, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(AS_FROM_A_TERMINAL);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        Path out = directory.resolve(name + ".out");
        Path err = directory.resolve(name + ".err");
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new JarProcess(process, out, err);
    }

    long pid() {
        return process.pid();
    }

    String out() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Waits until standard output or error has a line containing {@code text}; fails if the process ends first. */
    String awaitLine(String text, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> line = (out() + err()).lines().filter(each -> each.contains(text)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (!process.isAlive()) {
                throw new AssertionError("exited with " + process.exitValue() + " before printing '" + text + "':\n" + out() + err());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' within " + timeout + ":\n" + out() + err());
    }

    /** The pid a banner line names ("... pid 1234 ..."). */
    long pidOn(String bannerLabel) throws IOException {
        String line = out().lines().filter(each -> each.trim().startsWith(bannerLabel)).findFirst()
                .orElseThrow(() -> new AssertionError("no banner line " + bannerLabel));
        Matcher pid = PID.matcher(line);
        assertTrue(pid.find(), line);
        return Long.parseLong(pid.group(1));
    }

    /** A signal to the whole process group, as a terminal sends Ctrl-C. */
    void signalGroup(String signal) throws IOException, InterruptedException {
        kill(signal, -process.pid());
    }

    /** A signal to the runstatus process alone. */
    void signal(String signal) throws IOException, InterruptedException {
        kill(signal, process.pid());
    }

    /** perl's kill: a negative pid is a process group. */
    static void kill(String signal, long pid) throws IOException, InterruptedException {
        List<String> command = List.of("perl", "-e", "kill($ARGV[0], $ARGV[1]) or die \"kill: $!\"", signal, Long.toString(pid));
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor(), String.join(" ", command));
    }

    /** The exit code, once the process has ended within {@code timeout}; fails otherwise. */
    int awaitExit(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + ":\n" + out() + err());
        }
        return process.exitValue();
    }

    /** Runs the jar to its end and gives its exit code; fails if it takes longer than {@code timeout}. */
    static JarProcess runToEnd(Path directory, String name, Duration timeout, String... args) throws IOException, InterruptedException {
        JarProcess jar = start(directory, name, args);
        jar.awaitExit(timeout);
        return jar;
    }

    int exitCode() {
        return process.exitValue();
    }

    /** Whether a process is running: alive and not a zombie waiting for its parent. */
    static boolean running(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() && !zombie(pid);
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return true;
        }
    }

    /** The processes running with {@code text} in their command line: servers of a data directory, say. */
    static List<Long> runningWith(String text) {
        return ProcessHandle.allProcesses()
                .filter(handle -> handle.info().commandLine().map(line -> line.contains(text)).orElse(false))
                .map(ProcessHandle::pid).filter(JarProcess::running).toList();
    }

    /** Fails unless every pid has stopped within {@code timeout}. */
    static void awaitGone(List<Long> pids, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (pids.stream().anyMatch(JarProcess::running)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still running after " + timeout + ": "
                        + pids.stream().filter(JarProcess::running).toList());
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
