package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;

import java.util.Objects;
import java.util.Optional;

/**
 * Whose an object is: the uid of its controller owner reference. Labels prove nothing (anyone who may create the
 * object may set them); the controller reference the operator sets is what tells its objects from others'.
 */
final class ControllerOwner {
    private ControllerOwner() {
    }

    static Optional<String> of(HasMetadata object) {
        return object.getMetadata().getOwnerReferences() == null ? Optional.empty()
                : object.getMetadata().getOwnerReferences().stream()
                .filter(o -> Boolean.TRUE.equals(o.getController())).map(OwnerReference::getUid)
                .filter(Objects::nonNull).findFirst();
    }

    /** {@code object}'s controller is the owner with {@code uid}. */
    static boolean is(HasMetadata object, String uid) {
        return uid != null && of(object).filter(uid::equals).isPresent();
    }

    /** Both have the same controller owner, and have one. */
    static boolean same(HasMetadata a, HasMetadata b) {
        Optional<String> owner = of(a);
        return owner.isPresent() && owner.equals(of(b));
    }
}
