package io.modeldeploy.e2e.chaos;

/**
 * One user action on the fleet.
 *
 * @param after what the deployment is wanted as afterwards; null for a delete
 */
record Step(Action action, String name, Wanted after) {
    enum Action { CREATE, SCALE, STOP, START, ADAPTERS, DELETE }

    static Step delete(String name) {
        return new Step(Action.DELETE, name, null);
    }

    @Override
    public String toString() {
        return switch (action) {
            case CREATE -> "create " + name + " (" + after.kind() + ", " + after.replicas() + " replicas"
                    + (after.adapters().isEmpty() ? "" : ", adapters " + after.adapters()) + ")";
            case SCALE -> "scale " + name + " to " + after.replicas();
            case STOP, START, DELETE -> action.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
            case ADAPTERS -> "adapters of " + name + " -> " + after.adapters();
        };
    }
}
