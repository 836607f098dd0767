package io.modeldeploy.operator.provider.zstack;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.modeldeploy.operator.deployment.ComputeResources;
import io.modeldeploy.operator.provider.VendorException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

/**
 * CPU and memory of one instance, in ZStack's units. Pure.
 *
 * <ul>
 *   <li>CPU: whole cores, rounded up (AddModelService {@code requestCpu} is an Integer, documented; DeployModelService
 *       {@code cpuNum} likewise an int in ZStack's SDK).</li>
 *   <li>AddModelService {@code requestMemory} (a Long, "需要使用的内存数量", no unit given): MiB, rounded up. Inferred from
 *       the page's example, {@code "requestMemory": 1024} beside {@code "requestCpu": 4}: 1024 bytes or GiB would
 *       make no model service.</li>
 *   <li>DeployModelService {@code memorySize}: bytes. Inferred: no page documents the call; it sizes the VM it
 *       deploys (beside {@code vmImageUuid}, {@code rootDiskSize}, {@code l3NetworkUuids}), and ZStack's VM APIs take
 *       {@code memorySize} in bytes.</li>
 * </ul>
 *
 * @param cpu    the spec's CPU quantity, if it gives one
 * @param memory the spec's memory quantity, if it gives one
 */
record ZStackResources(Optional<String> cpu, Optional<String> memory) {
    private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024L);

    static ZStackResources of(ComputeResources resources) {
        return new ZStackResources(resources.cpu(), resources.memory());
    }

    /** An expert container's limits, else its requests. */
    static ZStackResources of(Container container) {
        Map<String, Quantity> limits = container.getResources() == null || container.getResources().getLimits() == null
                ? Map.of() : container.getResources().getLimits();
        Map<String, Quantity> requests = container.getResources() == null || container.getResources().getRequests() == null
                ? Map.of() : container.getResources().getRequests();
        return new ZStackResources(amount(limits, requests, "cpu"), amount(limits, requests, "memory"));
    }

    Optional<Integer> cores() throws VendorException {
        return cpu.isEmpty() ? Optional.empty() : Optional.of(Math.max(1,
                bytes(cpu.get(), "cpu").setScale(0, RoundingMode.CEILING).intValueExact()));
    }

    Optional<Long> mebibytes() throws VendorException {
        return memory.isEmpty() ? Optional.empty()
                : Optional.of(bytes(memory.get(), "memory").divide(MIB, 0, RoundingMode.CEILING).longValueExact());
    }

    Optional<Long> memoryBytes() throws VendorException {
        return memory.isEmpty() ? Optional.empty()
                : Optional.of(bytes(memory.get(), "memory").setScale(0, RoundingMode.CEILING).longValueExact());
    }

    private static Optional<String> amount(Map<String, Quantity> limits, Map<String, Quantity> requests, String name) {
        Quantity q = limits.getOrDefault(name, requests.get(name));
        return q == null ? Optional.empty() : Optional.of(q.toString());
    }

    private static BigDecimal bytes(String quantity, String what) throws VendorException {
        try {
            return Quantity.getAmountInBytes(new Quantity(quantity));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw VendorException.refused(what + " '" + quantity + "' is not a quantity");
        }
    }
}
