package io.modeldeploy.operator;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The local python3 that tests of the operator's shipped Python scripts run them with. Missing, those tests
 * fail: a silent skip would let CI pass without ever running the scripts. {@code make test} installs python3
 * ({@code hack/local-cluster.sh install}); elsewhere {@code -Dmodeldeploy.test.allowMissingPython=true} skips them.
 */
public final class Python3 {
    public static final String OPT_OUT = "modeldeploy.test.allowMissingPython";
    private static Boolean present;

    private Python3() {
    }

    /** Call first in every test that runs python3. */
    public static synchronized void require() {
        if (present == null) {
            present = answers("python3");
        }
        require(present, Boolean.getBoolean(OPT_OUT));
    }

    static void require(boolean present, boolean optedOut) {
        if (present) {
            return;
        }
        if (optedOut) {
            assumeTrue(false, "python3 is not on PATH (skipped: -D" + OPT_OUT + "=true)");
        }
        throw new AssertionError("python3 is not on PATH: these tests run the operator's shipped Python scripts."
                + " Install python3 (make test does), or pass -D" + OPT_OUT + "=true to skip them knowingly");
    }

    static boolean answers(String program) {
        try {
            Process p = new ProcessBuilder(program, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(program + " --version did not answer within 10 s");
            }
            return p.exitValue() == 0;
        } catch (IOException notFound) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + program + " --version", e);
        }
    }
}
