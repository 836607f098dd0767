package io.modeldeploy.operator.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class EngineArgsTest {

    @Test
    void flagWithEqualsSignIsSplitIntoFlagAndValue() {
        assertThat(EngineArgs.parse(List.of("--a=1"))).containsExactly(entry("--a", List.of("1")));
    }

    @Test
    void onlyTheFirstEqualsSignSeparatesTheValue() {
        assertThat(EngineArgs.parse(List.of("--lora-modules=sql=/adapters/sql")))
                .containsExactly(entry("--lora-modules", List.of("sql=/adapters/sql")));
    }

    @Test
    void flagCollectsEveryFollowingValueUntilTheNextFlag() {
        assertThat(EngineArgs.parse(List.of("--served-model-name", "a", "b", "--port", "9000")))
                .containsExactly(entry("--served-model-name", List.of("a", "b")), entry("--port", List.of("9000")));
    }

    @Test
    void booleanFlagHasNoValues() {
        assertThat(EngineArgs.parse(List.of("--enable-lora", "--trust-remote-code")))
                .containsExactly(entry("--enable-lora", List.of()), entry("--trust-remote-code", List.of()));
    }

    @Test
    void negativeNumberIsAValueNotAFlag() {
        assertThat(EngineArgs.parse(List.of("--seed", "-1", "--temperature", "-0.5")))
                .containsExactly(entry("--seed", List.of("-1")), entry("--temperature", List.of("-0.5")));
    }

    @Test
    void singleDashShortFlagIsAFlag() {
        assertThat(EngineArgs.parse(List.of("-tp", "2"))).containsExactly(entry("-tp", List.of("2")));
    }

    @Test
    void tokensBeforeTheFirstFlagAreKeptAsPositionals() {
        assertThat(EngineArgs.parse(List.of("Qwen/Qwen2.5-7B", "--port", "1")))
                .containsExactly(entry("", List.of("Qwen/Qwen2.5-7B")), entry("--port", List.of("1")));
    }

    @Test
    void nullOrEmptyArgsParseToNothing() {
        assertThat(EngineArgs.parse(null)).isEmpty();
        assertThat(EngineArgs.parse(List.of())).isEmpty();
    }

    @Test
    void toListWritesFlagsInInsertionOrderWithTheirValues() {
        EngineArgs args = new EngineArgs().set("--model", "m").set("--served-model-name", List.of("a", "b")).set("--enable-metrics");

        assertThat(args.toList()).containsExactly("--model", "m", "--served-model-name", "a", "b", "--enable-metrics");
    }

    @Test
    void overrideReplacesTheOperatorValueAndMovesTheFlagToTheEnd() {
        EngineArgs args = new EngineArgs().set("--port", "8000").set("--host", "0.0.0.0")
                .overrideWith(List.of("--port=9000"));

        assertThat(args.toList()).containsExactly("--host", "0.0.0.0", "--port", "9000");
    }

    @Test
    void overrideAppendsFlagsTheOperatorDoesNotSet() {
        EngineArgs args = new EngineArgs().set("--port", "8000").overrideWith(List.of("--max-model-len", "8192"));

        assertThat(args.toList()).containsExactly("--port", "8000", "--max-model-len", "8192");
    }

    @Test
    void overrideWithNullKeepsTheOperatorFlags() {
        assertThat(new EngineArgs().set("--port", "8000").overrideWith(null).toList()).containsExactly("--port", "8000");
    }

    @Test
    void userPositionalsComeFirstInTheOutput() {
        EngineArgs args = new EngineArgs().set("--port", "8000").overrideWith(List.of("serve-this", "--x", "1"));

        assertThat(args.toList()).containsExactly("serve-this", "--port", "8000", "--x", "1");
    }

    @Test
    void valueIsTheFirstValueOfAFlag() {
        EngineArgs args = new EngineArgs().set("--served-model-name", List.of("a", "b")).set("--enable-metrics");

        assertThat(args.value("--served-model-name")).contains("a");
        assertThat(args.value("--enable-metrics")).isEmpty();
        assertThat(args.value("--missing")).isEmpty();
    }

    @Test
    void hasTellsWhetherAFlagIsSetIncludingBooleanFlags() {
        EngineArgs args = new EngineArgs().set("--enable-metrics");

        assertThat(args.has("--enable-metrics")).isTrue();
        assertThat(args.has("--port")).isFalse();
    }

    @Test
    void isFlagRecognisesFlagsButNotValues() {
        assertThat(Map.of(
                "--port", EngineArgs.isFlag("--port"),
                "-tp", EngineArgs.isFlag("-tp"),
                "-1", EngineArgs.isFlag("-1"),
                "-0.5", EngineArgs.isFlag("-0.5"),
                "-", EngineArgs.isFlag("-"),
                "8000", EngineArgs.isFlag("8000")))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "--port", true, "-tp", true, "-1", false, "-0.5", false, "-", false, "8000", false));
    }
}
