package io.modeldeploy.operator.engine.sglang;

import io.modeldeploy.operator.engine.Engine;

import java.util.List;

/**
 * Starts SGLang with its API key, keeping the key out of the process's command line. SGLang takes the key
 * only as {@code --api-key}, and a {@code $(VAR)} in a container's args is expanded by the kubelet into argv,
 * where {@code /proc/<pid>/cmdline} and {@code ps} show it to anyone on the node. This launcher, run with
 * {@code python3 -c}, reads the key from the environment, adds it to {@code sys.argv} inside the interpreter
 * (argv in the kernel is not touched) and runs {@code sglang.launch_server} as {@code __main__}, exactly as
 * {@code python3 -m sglang.launch_server} would: every SGLang version reads its flags from {@code sys.argv[1:]}
 * there. SGLang logs its whole ServerArgs at start, key included: records of this process have the key masked.
 */
final class SglangLauncher {
    static final String MODULE = "sglang.launch_server";

    static final String SCRIPT = String.join("\n",
            "import logging, os, runpy, sys",
            "key = os.environ.get(\"" + Engine.API_KEY_ENV + "\", \"\")",
            "if key:",
            "    sys.argv += [\"--api-key\", key]",
            "    make_record = logging.getLogRecordFactory()",
            "    def masked_record(*args, **kwargs):",
            "        record = make_record(*args, **kwargs)",
            "        message = record.getMessage()",
            "        if key in message:",
            "            record.msg, record.args = message.replace(key, \"<api-key>\"), None",
            "        return record",
            "    logging.setLogRecordFactory(masked_record)",
            "runpy.run_module(\"" + MODULE + "\", run_name=\"__main__\", alter_sys=True)");

    private SglangLauncher() {
    }

    /** The container command; the engine flags follow as the container's args ({@code sys.argv[1:]}). */
    static List<String> command() {
        return List.of("python3", "-c", SCRIPT);
    }
}
