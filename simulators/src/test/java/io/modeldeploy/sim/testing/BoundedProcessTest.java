package io.modeldeploy.sim.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedProcessTest {
    @TempDir
    Path dir;

    @Test
    void aProcessThatEndsGivesItsExitCodeAndOutput() {
        BoundedProcess.Result result = BoundedProcess.run(
                new ProcessBuilder("bash", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(30));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("out").contains("err");
    }

    /** The hang is named by its command line, and the grandchild holding the output open is killed too. */
    @Test
    void aHangFailsWithTheCommandLineAndKillsTheChildren() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "echo started; sleep 300 & echo $! > " + pidFile + "; wait");
        Instant start = Instant.now();

        assertThatThrownBy(() -> BoundedProcess.run(pb, Duration.ofMillis(1500)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("timed out after PT1.5S running bash -c echo started; sleep 300")
                .hasMessageContaining("output so far:\nstarted");

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
        long child = Long.parseLong(Files.readString(pidFile).trim());
        Optional<ProcessHandle> handle = ProcessHandle.of(child);
        assertThat(handle.map(ProcessHandle::isAlive)).as("sleep 300, the child of the hung bash").isNotEqualTo(Optional.of(true));
    }

    @Test
    void outputRedirectedByTheCallerIsReadFromItsFile() throws Exception {
        Path log = dir.resolve("up.log");
        Files.writeString(log, "earlier run\n");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "echo this run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));

        assertThat(BoundedProcess.run(pb, Duration.ofSeconds(30)).output()).isEqualTo("earlier run\nthis run\n");
    }

    /** Callers parse what kubectl prints (JSON, explain): all of it, however long. */
    @Test
    void theWholeOutputIsReturnedAndOnlyAHangReportIsCut() {
        BoundedProcess.Result result = BoundedProcess.run(
                new ProcessBuilder("bash", "-c", "head -c 100000 /dev/zero | tr '\\0' x"), Duration.ofSeconds(30));

        assertThat(result.output()).hasSize(100_000);
        assertThat(BoundedProcess.tail("y".repeat(10_000))).hasSize(4003).startsWith("...y");
    }

    @Test
    void aMissingProgramSaysWhichOne() {
        assertThatThrownBy(() -> BoundedProcess.run(new ProcessBuilder("no-such-program-here", "x"), Duration.ofSeconds(5)))
                .hasMessageContaining("no-such-program-here x could not start");
    }
}
