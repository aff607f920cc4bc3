package dev.runstatus.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of a process and of the whole machine, read from /proc. */
final class ProcStat {

    private static final long CLOCK_TICKS_PER_SECOND = clockTicks();

    /** The machine's CPU time so far, all cores: idle (with I/O wait) and in total, in clock ticks. */
    record MachineTicks(long idle, long total) {

        /** The share of the machine's CPU time that was idle since {@code before}. */
        double idleShareSince(MachineTicks before) {
            return (idle - before.idle) / (double) (total - before.total);
        }
    }

    private ProcStat() {
    }

    /** A process's user plus system CPU time so far, in seconds. */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS_PER_SECOND;
    }

    static MachineTicks machine() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
            if (line.startsWith("cpu ")) {
                String[] fields = line.trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < fields.length; i++) {
                    total += Long.parseLong(fields[i]);
                }
                return new MachineTicks(Long.parseLong(fields[4]) + Long.parseLong(fields[5]), total);
            }
        }
        throw new IOException("no cpu line in /proc/stat");
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String value = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            getconf.waitFor();
            return Long.parseLong(value);
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return 100;
        }
    }
}
