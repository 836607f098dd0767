package io.modeldeploy.e2e.bench;

import io.modeldeploy.sim.testing.BoundedProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time from /proc, in seconds: one process's (user + system), and the whole machine's busy time (everything but
 * idle and I/O wait). On a machine this small the API server, etcd, the controllers, the simulators, the benchmark and
 * the operator share the CPUs, so where a burst's time goes shows here.
 */
final class CpuTime {
    private static final double TICKS = ticksPerSecond();

    private CpuTime() {
    }

    /** CPU-seconds spent between a {@link Start} and its {@link Start#spent()}: the machine's, and each process's. */
    record Spent(double machine, Map<String, Double> processes) {
        double process(String name) {
            return processes.getOrDefault(name, 0.0);
        }
    }

    /** The machine's and some named processes' CPU time at a point, to measure what is spent from there. */
    record Start(Map<String, Long> pids, double machine, Map<String, Double> processes) {
        Spent spent() {
            Map<String, Double> spent = new LinkedHashMap<>();
            pids.forEach((name, pid) -> spent.put(name, CpuTime.process(pid) - processes.get(name)));
            return new Spent(CpuTime.machineBusy() - machine, spent);
        }
    }

    /** @param pids the processes to follow, by the names {@link Spent#process} takes, in the order to print them */
    static Start start(Map<String, Long> pids) {
        Map<String, Double> now = new LinkedHashMap<>();
        pids.forEach((name, pid) -> now.put(name, process(pid)));
        return new Start(new LinkedHashMap<>(pids), machineBusy(), now);
    }

    static double process(long pid) {
        String stat = read(Path.of("/proc/" + pid + "/stat"));
        // The command name may hold spaces: fields are counted after its closing parenthesis (field 3 onwards).
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
    }

    static double machineBusy() {
        String cpu = read(Path.of("/proc/stat")).lines().filter(l -> l.startsWith("cpu ")).findFirst().orElseThrow();
        long[] t = Arrays.stream(cpu.substring(4).trim().split("\\s+")).mapToLong(Long::parseLong).toArray();
        // user nice system idle iowait irq softirq steal (guest time is counted in user already)
        return (t[0] + t[1] + t[2] + t[5] + t[6] + t[7]) / TICKS;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double ticksPerSecond() {
        try {
            String out = BoundedProcess.run(new ProcessBuilder("getconf", "CLK_TCK"), Duration.ofSeconds(10)).output();
            return Double.parseDouble(out.trim());
        } catch (RuntimeException | AssertionError e) {
            return 100; // Linux's USER_HZ on every architecture this runs on
        }
    }
}
