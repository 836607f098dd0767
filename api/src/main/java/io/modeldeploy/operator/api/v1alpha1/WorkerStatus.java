package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** One worker pod of a multi-node instance. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerStatus {
    @JsonPropertyDescription("Pod name.")
    private String pod;

    @JsonPropertyDescription("Rank in the group (the leader is 0).")
    private Integer rank;

    @JsonPropertyDescription("Node the pod runs on, once scheduled.")
    private String node;

    @JsonPropertyDescription("The pod is ready.")
    private Boolean ready;

    public WorkerStatus() {
    }

    public WorkerStatus(String pod, Integer rank, String node, Boolean ready) {
        this.pod = pod;
        this.rank = rank;
        this.node = node;
        this.ready = ready;
    }

    public String getPod() {
        return pod;
    }

    public void setPod(String pod) {
        this.pod = pod;
    }

    public Integer getRank() {
        return rank;
    }

    public void setRank(Integer rank) {
        this.rank = rank;
    }

    public String getNode() {
        return node;
    }

    public void setNode(String node) {
        this.node = node;
    }

    public Boolean getReady() {
        return ready;
    }

    public void setReady(Boolean ready) {
        this.ready = ready;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkerStatus other && Objects.equals(pod, other.pod) && Objects.equals(rank, other.rank)
                && Objects.equals(node, other.node) && Objects.equals(ready, other.ready);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pod, rank, node, ready);
    }
}
