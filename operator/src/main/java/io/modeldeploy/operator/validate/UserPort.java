package io.modeldeploy.operator.validate;

import io.modeldeploy.operator.engine.EngineArgs;

import java.util.List;
import java.util.OptionalInt;

/** The user's {@code --port} in backendArgs: the container port and the Service's target port follow it. */
final class UserPort {
    private UserPort() {
    }

    /** Refused unless it is one valid port number. */
    static OptionalInt of(List<String> backendArgs) {
        List<String> values = EngineArgs.parse(backendArgs).get("--port");
        if (values == null) {
            return OptionalInt.empty();
        }
        if (values.size() != 1) {
            throw new IllegalArgumentException("--port in backendArgs needs exactly one value, found " + values);
        }
        int port;
        try {
            port = Integer.parseInt(values.get(0));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port in backendArgs is not a number: " + values.get(0));
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port in backendArgs is not between 1 and 65535: " + port);
        }
        return OptionalInt.of(port);
    }
}
