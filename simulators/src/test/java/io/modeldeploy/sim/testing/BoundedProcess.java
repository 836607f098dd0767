package io.modeldeploy.sim.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an external process (kubectl, a script) to completion with a deadline. A hang fails the test with the
 * command line and the output so far, and kills what was started, children included: a stuck child would
 * otherwise stall the whole build until CI's own limit.
 */
public final class BoundedProcess {
    /** What a killed process is given to go before the test gives up on it (a kill cannot be refused). */
    private static final Duration KILL_PATIENCE = Duration.ofSeconds(10);
    private static final int OUTPUT_TAIL = 4000;

    public record Result(int exitCode, String output) {
    }

    private BoundedProcess() {
    }

    /**
     * Starts {@code pb} and waits at most {@code timeout}. Output the caller did not redirect goes to a temporary
     * file rather than a pipe: reading a pipe blocks as long as any grandchild holds it open, with no deadline.
     */
    public static Result run(ProcessBuilder pb, Duration timeout) {
        Path temporary = null;
        try {
            if (pb.redirectOutput().file() == null) {
                temporary = Files.createTempFile("bounded-process", ".out");
                pb.redirectErrorStream(true).redirectOutput(temporary.toFile());
            }
            File outputFile = pb.redirectOutput().file();
            Process process;
            try {
                process = pb.start();
            } catch (IOException e) {
                throw new IllegalStateException(commandLine(pb.command()) + " could not start: " + e.getMessage(), e);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                throw new AssertionError("timed out after " + timeout + " running " + commandLine(pb.command())
                        + " (killed with its children); output so far:\n" + tail(read(outputFile)));
            }
            return new Result(process.exitValue(), read(outputFile));
        } catch (IOException e) {
            throw new IllegalStateException("no output file for " + commandLine(pb.command()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + commandLine(pb.command()), e);
        } finally {
            if (temporary != null) {
                temporary.toFile().delete();
            }
        }
    }

    /** Children first, listed before the parent dies: once it is gone they are re-parented and out of reach. */
    static void killTree(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(KILL_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        for (ProcessHandle child : descendants) {
            try {
                child.onExit().get(KILL_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // SIGKILL was sent; a process stuck in the kernel is beyond what a test can do
            }
        }
    }

    public static String commandLine(List<String> command) {
        return String.join(" ", command);
    }

    private static String read(File file) throws IOException {
        if (file == null || !file.exists()) {
            return "";
        }
        // Not Files.readString: a process may write bytes that are not UTF-8, which must not hide its output.
        return new String(Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8);
    }

    /** The end of the output: a long log's last lines say why it hung. */
    static String tail(String output) {
        return output.length() <= OUTPUT_TAIL ? output : "..." + output.substring(output.length() - OUTPUT_TAIL);
    }
}
