package io.modeldeploy.e2e.chaos;

import java.time.Instant;

/** Progress lines of the suite (the IT's output file, {@code make chaos}'s console): what happened when. */
final class ChaosLog {
    private ChaosLog() {
    }

    static void log(String line) {
        System.out.println(Instant.now() + " [chaos] " + line);
    }
}
