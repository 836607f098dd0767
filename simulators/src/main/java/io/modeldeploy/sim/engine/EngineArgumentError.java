package io.modeldeploy.sim.engine;

/**
 * The engine's argument parser refused its command line: argparse prints {@code <prog>: error: <message>}
 * to stderr and exits with status 2 before the engine does anything else.
 */
public final class EngineArgumentError extends IllegalArgumentException {
    /** argparse's {@code ArgumentParser.error()} exit status. */
    public static final int EXIT_CODE = 2;

    EngineArgumentError(String prog, String message) {
        super(prog + ": error: " + message);
    }
}
