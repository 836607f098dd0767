package io.modeldeploy.e2e.chaos;

import java.util.List;

/**
 * What one look at the cluster and the vendor found against what is wanted.
 *
 * @param unconverged a deployment not (yet) as wanted, in words
 * @param duplicates  an object or vendor service beyond the one wanted (a second Deployment, an extra pod group, a
 *                    second service at the vendor for one deployment)
 * @param orphans     an object or vendor service (or a loaded adapter, or a key published for the gateway) whose
 *                    deployment is gone
 * @param stuck       a deployment being deleted that is still there (held by a finalizer)
 */
record Audit(List<String> unconverged, List<String> duplicates, List<String> orphans, List<String> stuck) {
    Audit {
        unconverged = List.copyOf(unconverged);
        duplicates = List.copyOf(duplicates);
        orphans = List.copyOf(orphans);
        stuck = List.copyOf(stuck);
    }

    boolean converged() {
        return unconverged.isEmpty() && duplicates.isEmpty() && orphans.isEmpty() && stuck.isEmpty();
    }

    @Override
    public String toString() {
        return "unconverged " + unconverged + ", duplicates " + duplicates + ", orphans " + orphans + ", stuck " + stuck;
    }
}
