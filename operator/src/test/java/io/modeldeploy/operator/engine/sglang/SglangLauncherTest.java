package io.modeldeploy.operator.engine.sglang;

import io.modeldeploy.operator.Python3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The launcher as rendered, run with the local python3 against a stand-in {@code sglang.launch_server} that reports
 * what the real one would see: its {@code sys.argv}, the process's {@code /proc/self/cmdline}, and a startup log
 * line carrying the key as SGLang's {@code server_args=} line does.
 */
class SglangLauncherTest {
    private static final String KEY = "sk-launcher-secret-0123456789";
    private static final String STAND_IN = String.join("\n",
            "import logging, sys",
            "logging.basicConfig(level=logging.INFO, stream=sys.stdout, force=True, format='%(message)s')",
            "if __name__ == '__main__':",
            "    print('ARGV=' + ' '.join(sys.argv[1:]))",
            "    with open('/proc/self/cmdline', 'rb') as f:",
            "        print('CMDLINE=' + repr(f.read()))",
            "    key = sys.argv[sys.argv.index('--api-key') + 1] if '--api-key' in sys.argv else ''",
            "    logging.getLogger('sglang.srt.entrypoints.engine').info(f'server_args=ServerArgs(api_key={key!r})')",
            "");

    private static String run(Path modules, String key, String... flags) throws IOException, InterruptedException {
        assumeTrue(Files.exists(Path.of("/proc/self/cmdline")), "needs /proc");
        List<String> command = new ArrayList<>(SglangLauncher.command());
        command.addAll(List.of(flags));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PYTHONPATH", modules.toString());
        if (key != null) {
            pb.environment().put("MODELDEPLOY_API_KEY", key);
        }
        Python3.require();
        Path out = Files.createTempFile("sglang-launcher", ".out");
        Process p = pb.redirectOutput(out.toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not exit within 30 s: " + String.join(" ", command));
        }
        // From a file, not the pipe: reading a pipe waits for every process holding it, with no deadline.
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    private static Path standIn(Path dir) throws IOException {
        Path pkg = Files.createDirectories(dir.resolve("sglang"));
        Files.writeString(pkg.resolve("__init__.py"), "");
        Files.writeString(pkg.resolve("launch_server.py"), STAND_IN);
        return dir;
    }

    @Test
    void sglangGetsTheKeyAsAFlagWhileTheProcessCommandLineAndTheLogDoNot(@TempDir Path dir) throws Exception {
        String out = run(standIn(dir), KEY, "--model-path", "org/m", "--port", "30000");

        assertThat(out).contains("ARGV=--model-path org/m --port 30000 --api-key " + KEY);
        String cmdline = out.lines().filter(l -> l.startsWith("CMDLINE=")).findFirst().orElseThrow();
        assertThat(cmdline).contains("--model-path\\x00org/m").doesNotContain(KEY);
        assertThat(out).contains("server_args=ServerArgs(api_key='<api-key>')");
        assertThat(out.replace("ARGV=--model-path org/m --port 30000 --api-key " + KEY, "")).doesNotContain(KEY);
    }

    @Test
    void withoutAKeySglangGetsNoKeyFlag(@TempDir Path dir) throws Exception {
        String out = run(standIn(dir), null, "--model-path", "org/m");

        assertThat(out.lines()).contains("ARGV=--model-path org/m", "server_args=ServerArgs(api_key='')");
    }
}
