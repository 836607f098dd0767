package io.modeldeploy.sim.engine;

import io.modeldeploy.sim.engine.ArgOption.Kind;

/**
 * The options {@code sglang.launch_server} accepts, as data: {@code ServerArgs.add_cli_args} in SGLang's
 * {@code python/sglang/srt/server_args.py}, a plain {@code argparse.ArgumentParser} (so {@code --tp_size} is
 * unknown, unlike in vLLM). Option types are kept where a wrong value makes argparse exit: ints, floats,
 * choices, switches; everything else takes any string here, as it does there.
 */
final class SglangArgs {
    /**
     * The v0.4 line, from server_args.py as stored in sgl-project/sglang after v0.4.6 (its LoRA options are
     * {@code --lora-paths}, {@code --max-loras-per-batch} and {@code --lora-backend} only: no
     * {@code --enable-lora}, no run-time adapter loading).
     */
    static final ArgTable V0_4 = common()
            .text("--tokenizer-path").choice("--tokenizer-mode", "auto", "slow").flag("--skip-tokenizer-init")
            .flag("--skip-server-warmup")
            .choice("--load-format", "auto", "pt", "safetensors", "npcache", "dummy", "sharded_state", "gguf",
                    "bitsandbytes", "layered", "remote")
            .text("--model-loader-extra-config").flag("--trust-remote-code")
            .choice("--dtype", "auto", "half", "float16", "bfloat16", "float", "float32")
            .choice("--kv-cache-dtype", "auto", "fp8_e5m2", "fp8_e4m3")
            .choice("--quantization", "awq", "fp8", "gptq", "marlin", "gptq_marlin", "awq_marlin", "bitsandbytes",
                    "gguf", "modelopt", "modelopt_fp4", "w8a8_int8", "w8a8_fp8", "moe_wna16", "qoq")
            .text("--quantization-param-path").integer("--context-length").text("--device")
            .text("--served-model-name").text("--chat-template").text("--completion-template")
            .flag("--is-embedding").flag("--enable-multimodal").text("--revision").text("--impl")
            // memory and scheduling
            .decimal("--mem-fraction-static").integer("--max-running-requests").integer("--max-total-tokens")
            .integer("--chunked-prefill-size").integer("--max-prefill-tokens")
            .choice("--schedule-policy", "lpm", "random", "fcfs", "dfs-weight")
            .decimal("--schedule-conservativeness").integer("--cpu-offload-gb").integer("--page-size")
            .optionalValue("--hybrid-kvcache-ratio", Kind.FLOAT)
            // other runtime options
            .integer("--max-micro-batch-size").integer("--stream-interval").flag("--stream-output")
            .integer("--random-seed").text("--constrained-json-whitespace-pattern").decimal("--watchdog-timeout")
            .integer("--dist-timeout").text("--download-dir").integer("--base-gpu-id").integer("--gpu-id-step")
            .flag("--sleep-on-idle")
            // logging
            .text("--log-level").text("--log-level-http").flag("--log-requests").intChoice("--log-requests-level", 0, 1, 2, 3)
            .text("--crash-dump-folder").flag("--show-time-cost").flag("--enable-metrics")
            .atLeastOne("--bucket-time-to-first-token", Kind.FLOAT).atLeastOne("--bucket-inter-token-latency", Kind.FLOAT)
            .atLeastOne("--bucket-e2e-request-latency", Kind.FLOAT).flag("--collect-tokens-histogram")
            .text("--kv-events-config").integer("--decode-log-interval").flag("--enable-request-time-stats-logging")
            // API related
            .text("--file-storage-path").flag("--enable-cache-report").text("--reasoning-parser")
            .choice("--tool-call-parser", "qwen25", "mistral", "llama3", "deepseekv3", "pythonic")
            // data parallelism
            .choice("--load-balance-method", "round_robin", "shortest_queue")
            .text("--json-model-override-args").text("--preferred-sampling-params")
            // LoRA
            .any("--lora-paths").integer("--max-loras-per-batch").text("--lora-backend")
            // kernel backends
            .choice("--attention-backend", "aiter", "cutlass_mla", "fa3", "flashinfer", "flashmla", "intel_amx",
                    "torch_native", "triton")
            .choice("--sampling-backend", "flashinfer", "pytorch")
            .choice("--grammar-backend", "xgrammar", "outlines", "llguidance", "none")
            // speculative decoding
            .choice("--speculative-algorithm", "EAGLE", "EAGLE3", "NEXTN").text("--speculative-draft-model-path")
            .integer("--speculative-num-steps").integer("--speculative-eagle-topk")
            .integer("--speculative-num-draft-tokens").decimal("--speculative-accept-threshold-single")
            .decimal("--speculative-accept-threshold-acc").text("--speculative-token-map")
            .choice("--mm-attention-backend", "sdpa", "fa3", "triton_attn")
            // expert parallelism
            .integer("--expert-parallel-size", "--ep-size").flag("--enable-ep-moe").flag("--enable-flashinfer-moe")
            .flag("--enable-deepep-moe").choice("--deepep-mode", "normal", "low_latency", "auto")
            .integer("--ep-num-redundant-experts").text("--ep-dispatch-algorithm").text("--init-expert-location")
            .flag("--enable-eplb").text("--eplb-algorithm").integer("--eplb-rebalance-num-iterations")
            .integer("--eplb-rebalance-layers-per-chunk").text("--expert-distribution-recorder-mode")
            .integer("--expert-distribution-recorder-buffer-size").flag("--enable-expert-distribution-metrics")
            .text("--deepep-config").integer("--moe-dense-tp-size")
            // double sparsity
            .flag("--enable-double-sparsity").text("--ds-channel-config-path").integer("--ds-heavy-channel-num")
            .integer("--ds-heavy-token-num").text("--ds-heavy-channel-type").integer("--ds-sparse-decode-threshold")
            // optimization and debug options
            .flag("--disable-radix-cache").integer("--cuda-graph-max-bs").atLeastOne("--cuda-graph-bs", Kind.INT)
            .flag("--disable-cuda-graph").flag("--disable-cuda-graph-padding").flag("--enable-profile-cuda-graph")
            .flag("--enable-nccl-nvls").flag("--enable-tokenizer-batch-encode").flag("--disable-outlines-disk-cache")
            .flag("--disable-custom-all-reduce").flag("--enable-mscclpp").flag("--disable-overlap-schedule")
            .flag("--disable-overlap-cg-plan").flag("--enable-mixed-chunk").flag("--enable-dp-attention")
            .flag("--enable-dp-lm-head").flag("--enable-two-batch-overlap").flag("--enable-torch-compile")
            .integer("--torch-compile-max-bs").text("--torchao-config").flag("--enable-nan-detection")
            .flag("--enable-p2p-check").flag("--triton-attention-reduce-in-fp32")
            .integer("--triton-attention-num-kv-splits").integer("--num-continuous-decode-steps")
            .flag("--delete-ckpt-after-loading").flag("--enable-memory-saver").flag("--allow-auto-truncate")
            .flag("--enable-custom-logit-processor").flag("--enable-hierarchical-cache").decimal("--hicache-ratio")
            .integer("--hicache-size")
            .choice("--hicache-write-policy", "write_back", "write_through", "write_through_selective")
            .flag("--flashinfer-mla-disable-ragged").flag("--disable-shared-experts-fusion")
            .flag("--disable-chunked-prefix-cache").flag("--disable-fast-image-processor")
            .flag("--enable-return-hidden-states").text("--warmups")
            // debug tensor dumps
            .text("--debug-tensor-dump-output-folder").text("--debug-tensor-dump-input-file")
            .text("--debug-tensor-dump-inject").flag("--debug-tensor-dump-prefill-only")
            // PD disaggregation
            .choice("--disaggregation-mode", "null", "prefill", "decode")
            .choice("--disaggregation-transfer-backend", "mooncake", "nixl")
            .integer("--disaggregation-bootstrap-port").integer("--disaggregation-decode-tp")
            .integer("--disaggregation-decode-dp").integer("--disaggregation-prefill-pp")
            .text("--disaggregation-ib-device").integer("--num-reserved-decode-tokens").text("--pdlb-url")
            .any("--custom-weight-loader").flag("--weight-loader-disable-mmap");

    /**
     * The v0.5 line, from server_args.py as stored in sgl-project/sglang in the v0.5 series (its
     * {@code ServerArgs} fields, which that file keeps in the order of {@code add_cli_args}): LoRA gains
     * {@code --enable-lora}, {@code --max-lora-rank}, {@code --lora-target-modules} and
     * {@code --max-loaded-loras} (the last from sgl-project/sglang#8650, merged 2025-08-03), which run-time
     * adapter loading needs. Options it dropped from v0.4 (such as {@code --enable-ep-moe}) are unknown here.
     */
    static final ArgTable V0_5 = common()
            .text("--tokenizer-path").choice("--tokenizer-mode", "auto", "slow").integer("--tokenizer-worker-num")
            .flag("--skip-tokenizer-init")
            .choice("--load-format", "auto", "pt", "safetensors", "npcache", "dummy", "sharded_state", "gguf",
                    "bitsandbytes", "layered", "remote", "remote_instance")
            .text("--model-loader-extra-config").flag("--trust-remote-code").integer("--context-length")
            .flag("--is-embedding").flag("--enable-multimodal").text("--revision").text("--model-impl")
            // HTTP server
            .flag("--grpc-mode").flag("--skip-server-warmup").text("--warmups").integer("--nccl-port")
            .flag("--checkpoint-engine-wait-weights-before-ready")
            // quantization and data type
            .choice("--dtype", "auto", "half", "float16", "bfloat16", "float", "float32")
            .text("--quantization").text("--quantization-param-path").text("--kv-cache-dtype")
            .flag("--enable-fp32-lm-head").text("--modelopt-quant").text("--modelopt-checkpoint-restore-path")
            .text("--modelopt-checkpoint-save-path").text("--modelopt-export-path").flag("--quantize-and-serve")
            // memory and scheduling
            .decimal("--mem-fraction-static").integer("--max-running-requests").integer("--max-queued-requests")
            .integer("--max-total-tokens").integer("--chunked-prefill-size").integer("--max-prefill-tokens")
            .text("--schedule-policy").flag("--enable-priority-scheduling").flag("--abort-on-priority-when-disabled")
            .flag("--schedule-low-priority-values-first").integer("--priority-scheduling-preemption-threshold")
            .decimal("--schedule-conservativeness").integer("--page-size")
            .optionalValue("--hybrid-kvcache-ratio", Kind.FLOAT).decimal("--swa-full-tokens-ratio")
            .flag("--disable-hybrid-swa-memory").choice("--radix-eviction-policy", "lru", "lfu")
            // runtime options
            .text("--device").integer("--pp-max-micro-batch-size").integer("--stream-interval")
            .flag("--stream-output").integer("--random-seed").text("--constrained-json-whitespace-pattern")
            .flag("--constrained-json-disable-any-whitespace").decimal("--watchdog-timeout").integer("--dist-timeout")
            .text("--download-dir").integer("--base-gpu-id").integer("--gpu-id-step").flag("--sleep-on-idle")
            // logging
            .text("--log-level").text("--log-level-http").flag("--log-requests").intChoice("--log-requests-level", 0, 1, 2, 3)
            .text("--crash-dump-folder").flag("--show-time-cost").flag("--enable-metrics")
            .flag("--enable-metrics-for-all-schedulers").text("--tokenizer-metrics-custom-labels-header")
            .any("--tokenizer-metrics-allowed-custom-labels")
            .atLeastOne("--bucket-time-to-first-token", Kind.FLOAT).atLeastOne("--bucket-inter-token-latency", Kind.FLOAT)
            .atLeastOne("--bucket-e2e-request-latency", Kind.FLOAT).flag("--collect-tokens-histogram")
            .any("--prompt-tokens-buckets").any("--generation-tokens-buckets").decimal("--gc-warning-threshold-secs")
            .integer("--decode-log-interval").flag("--enable-request-time-stats-logging").text("--kv-events-config")
            .flag("--enable-trace").text("--otlp-traces-endpoint")
            // API related
            .text("--served-model-name").text("--weight-version").text("--chat-template").text("--completion-template")
            .text("--file-storage-path").flag("--enable-cache-report").text("--reasoning-parser")
            .text("--tool-call-parser").text("--tool-server").text("--sampling-defaults")
            // data parallelism
            .text("--load-balance-method").decimal("--load-watch-interval").flag("--prefill-round-robin-balance")
            .text("--json-model-override-args").text("--preferred-sampling-params")
            // LoRA
            .flag("--enable-lora").integer("--max-lora-rank")
            .any("--lora-target-modules", "q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj",
                    "down_proj", "qkv_proj", "gate_up_proj", "all")
            .any("--lora-paths").integer("--max-loaded-loras").integer("--max-loras-per-batch")
            .choice("--lora-eviction-policy", "lru", "fifo").choice("--lora-backend", "triton", "csgmv")
            .intChoice("--max-lora-chunk-size", 16, 32, 64, 128)
            // kernel backends
            .text("--attention-backend").text("--decode-attention-backend").text("--prefill-attention-backend")
            .choice("--sampling-backend", "flashinfer", "pytorch")
            .choice("--grammar-backend", "xgrammar", "outlines", "llguidance", "none")
            .text("--mm-attention-backend").text("--nsa-prefill-backend").text("--nsa-decode-backend")
            // speculative decoding
            .text("--speculative-algorithm").text("--speculative-draft-model-path")
            .text("--speculative-draft-model-revision").text("--speculative-draft-load-format")
            .integer("--speculative-num-steps").integer("--speculative-eagle-topk")
            .integer("--speculative-num-draft-tokens").decimal("--speculative-accept-threshold-single")
            .decimal("--speculative-accept-threshold-acc").text("--speculative-token-map")
            .text("--speculative-attention-mode").text("--speculative-moe-runner-backend")
            .integer("--speculative-ngram-min-match-window-size").integer("--speculative-ngram-max-match-window-size")
            .integer("--speculative-ngram-min-bfs-breadth").integer("--speculative-ngram-max-bfs-breadth")
            .choice("--speculative-ngram-match-type", "BFS", "PROB").integer("--speculative-ngram-branch-length")
            .integer("--speculative-ngram-capacity")
            // expert parallelism
            .integer("--expert-parallel-size", "--ep-size").choice("--moe-a2a-backend", "none", "deepep", "mooncake")
            .text("--moe-runner-backend").choice("--flashinfer-mxfp4-moe-precision", "default", "bf16")
            .flag("--enable-flashinfer-allreduce-fusion").choice("--deepep-mode", "auto", "normal", "low_latency")
            .integer("--ep-num-redundant-experts").text("--ep-dispatch-algorithm").text("--init-expert-location")
            .flag("--enable-eplb").text("--eplb-algorithm").integer("--eplb-rebalance-num-iterations")
            .integer("--eplb-rebalance-layers-per-chunk").decimal("--eplb-min-rebalancing-utilization-threshold")
            .text("--expert-distribution-recorder-mode").integer("--expert-distribution-recorder-buffer-size")
            .flag("--enable-expert-distribution-metrics").text("--deepep-config").integer("--moe-dense-tp-size")
            .text("--elastic-ep-backend").text("--mooncake-ib-device")
            // mamba, hierarchical cache, LMCache, Ktransformers
            .integer("--max-mamba-cache-size").choice("--mamba-ssm-dtype", "float32", "bfloat16")
            .decimal("--mamba-full-memory-ratio").flag("--enable-hierarchical-cache").decimal("--hicache-ratio")
            .integer("--hicache-size").text("--hicache-write-policy").text("--hicache-io-backend")
            .text("--hicache-mem-layout").text("--hicache-storage-backend").text("--hicache-storage-prefetch-policy")
            .text("--hicache-storage-backend-extra-config").flag("--enable-lmcache").text("--kt-amx-weight-path")
            .text("--kt-amx-method").integer("--kt-cpuinfer").integer("--kt-threadpool-count")
            .integer("--kt-num-gpu-experts").integer("--kt-max-deferred-experts-per-token")
            // double sparsity, offloading, scoring
            .flag("--enable-double-sparsity").text("--ds-channel-config-path").integer("--ds-heavy-channel-num")
            .integer("--ds-heavy-token-num").text("--ds-heavy-channel-type").integer("--ds-sparse-decode-threshold")
            .integer("--cpu-offload-gb").integer("--offload-group-size").integer("--offload-num-in-group")
            .integer("--offload-prefetch-step").text("--offload-mode").integer("--multi-item-scoring-delimiter")
            // optimization and debug options
            .flag("--disable-radix-cache").integer("--cuda-graph-max-bs").atLeastOne("--cuda-graph-bs", Kind.INT)
            .flag("--disable-cuda-graph").flag("--disable-cuda-graph-padding").flag("--enable-profile-cuda-graph")
            .flag("--enable-cudagraph-gc").flag("--enable-nccl-nvls").flag("--enable-symm-mem")
            .flag("--disable-flashinfer-cutlass-moe-fp4-allgather").flag("--enable-tokenizer-batch-encode")
            .flag("--disable-tokenizer-batch-decode").flag("--disable-outlines-disk-cache")
            .flag("--disable-custom-all-reduce").flag("--enable-mscclpp").flag("--enable-torch-symm-mem")
            .flag("--disable-overlap-schedule").flag("--enable-mixed-chunk").flag("--enable-dp-attention")
            .flag("--enable-dp-lm-head").flag("--enable-two-batch-overlap").flag("--enable-single-batch-overlap")
            .decimal("--tbo-token-distribution-threshold").flag("--enable-torch-compile")
            .flag("--enable-piecewise-cuda-graph").integer("--torch-compile-max-bs")
            .integer("--piecewise-cuda-graph-max-tokens").atLeastOne("--piecewise-cuda-graph-tokens", Kind.INT)
            .text("--piecewise-cuda-graph-compiler").text("--torchao-config").flag("--enable-nan-detection")
            .flag("--enable-p2p-check").flag("--triton-attention-reduce-in-fp32")
            .integer("--triton-attention-num-kv-splits").integer("--triton-attention-split-tile-size")
            .integer("--num-continuous-decode-steps").flag("--delete-ckpt-after-loading").flag("--enable-memory-saver")
            .flag("--enable-weights-cpu-backup").flag("--allow-auto-truncate").flag("--enable-custom-logit-processor")
            .flag("--flashinfer-mla-disable-ragged").flag("--disable-shared-experts-fusion")
            .flag("--disable-chunked-prefix-cache").flag("--disable-fast-image-processor")
            .flag("--keep-mm-feature-on-device").flag("--enable-return-hidden-states")
            .integer("--scheduler-recv-interval").atLeastOne("--numa-node", Kind.INT)
            .flag("--enable-deterministic-inference").text("--rl-on-policy-target")
            .flag("--enable-dynamic-batch-tokenizer").integer("--dynamic-batch-tokenizer-batch-size")
            .decimal("--dynamic-batch-tokenizer-batch-timeout")
            // debug tensor dumps
            .text("--debug-tensor-dump-output-folder").any("--debug-tensor-dump-layers")
            .text("--debug-tensor-dump-input-file").text("--debug-tensor-dump-inject")
            // PD disaggregation, weight loading, PD multiplexing, multimodal, decryption
            .choice("--disaggregation-mode", "null", "prefill", "decode").text("--disaggregation-transfer-backend")
            .integer("--disaggregation-bootstrap-port").integer("--disaggregation-decode-tp")
            .integer("--disaggregation-decode-dp").integer("--disaggregation-prefill-pp")
            .text("--disaggregation-ib-device").flag("--disaggregation-decode-enable-offload-kvcache")
            .integer("--num-reserved-decode-tokens").integer("--disaggregation-decode-polling-interval")
            .any("--custom-weight-loader").flag("--weight-loader-disable-mmap")
            .text("--remote-instance-weight-loader-seed-instance-ip")
            .integer("--remote-instance-weight-loader-seed-instance-service-port")
            .text("--remote-instance-weight-loader-send-weights-group-ports")
            .flag("--enable-pdmux").text("--pdmux-config-path").integer("--sm-group-num")
            .integer("--mm-max-concurrent-calls").decimal("--mm-per-request-timeout")
            .text("--decrypted-config-file").text("--decrypted-draft-config-file");

    private SglangArgs() {
    }

    /** What every SGLang release the operator renders for declares, with the same types. */
    private static ArgTable common() {
        return new ArgTable(false)
                .requiredText("--model-path", "--model").text("--host").integer("--port")
                .integer("--tensor-parallel-size", "--tp-size").integer("--pipeline-parallel-size", "--pp-size")
                .integer("--data-parallel-size", "--dp-size")
                .text("--api-key")
                .text("--dist-init-addr", "--nccl-init-addr").integer("--nnodes").integer("--node-rank");
    }
}
