package io.modeldeploy.sim.platform;

import io.modeldeploy.sim.platform.alayanew.AlayaNewSimulator;
import io.modeldeploy.sim.platform.drun.DRunSimulator;
import io.modeldeploy.sim.platform.http.PlatformSimulator;
import io.modeldeploy.sim.platform.qianfan.QianfanSimulator;
import io.modeldeploy.sim.platform.zstack.ZStackSimulator;

import java.util.concurrent.CountDownLatch;

/**
 * Runs one SIMULATED managed-inference vendor API in the foreground (see {@link PlatformSimulatorArgs} for the
 * command line; {@code hack/vendor-sim.sh} wraps it), prints its base URL, and stops on SIGTERM / Ctrl-C.
 * Nothing here calls a real vendor.
 */
public final class PlatformSimulatorMain {
    private PlatformSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PlatformSimulatorArgs parsed;
        try {
            parsed = PlatformSimulatorArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(PlatformSimulatorArgs.USAGE);
            System.exit(2);
            return;
        }
        PlatformSimulator simulator = start(parsed);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "vendor-simulator-shutdown"));
        System.out.println("SIMULATED " + parsed.vendor() + " API listening on " + simulator.baseUrl());
        System.out.println("  documented base path: " + simulator.apiBaseUrl());
        if (simulator instanceof ZStackSimulator zstack) {
            String template = zstack.registerTemplate("sim-template");
            System.out.println("  pre-registered model-service template: " + template + " (sim-template)");
        }
        System.out.flush();
        stopped.await();
    }

    static PlatformSimulator start(PlatformSimulatorArgs args) {
        return switch (args.vendor()) {
            case "alayanew" -> AlayaNewSimulator.start(args.bind(), args.credential("access-key"),
                    args.credential("secret-key"), args.options());
            case "qianfan" -> QianfanSimulator.start(args.bind(), args.credential("access-key"),
                    args.credential("secret-key"), args.options());
            case "zstack" -> ZStackSimulator.start(args.bind(), args.credential("account"),
                    args.credential("password"), args.options());
            case "drun" -> DRunSimulator.start(args.bind(), args.credential("token"), args.options());
            default -> throw new IllegalArgumentException("unknown vendor " + args.vendor());
        };
    }
}
