package io.modeldeploy.e2e.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's one table: each measure, the operator's figure beside the plain client's, their ratio, the target. */
final class BenchTable {
    private record Row(String measure, String operator, String plain, String ratio, String target) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** A measure both ran: the ratio is operator / plain. */
    void compare(String measure, double operator, double plain, String unit, String target) {
        rows.add(new Row(measure, format(operator, unit), format(plain, unit),
                plain > 0 ? String.format("%.2fx", operator / plain) : "-", target));
    }

    /** A measure both ran that has no single ratio, such as a breakdown. */
    void sideBySide(String measure, String operator, String plain) {
        rows.add(new Row(measure, operator, plain, "-", ""));
    }

    /** A measure of the operator alone. */
    void operatorOnly(String measure, String operator, String target) {
        rows.add(new Row(measure, operator, "-", "-", target));
    }

    void print(PrintStream out, String title) {
        out.println();
        out.println(title);
        out.println();
        out.println("| measure | operator | plain client | ratio | target |");
        out.println("| --- | --- | --- | --- | --- |");
        rows.forEach(r -> out.printf("| %s | %s | %s | %s | %s |%n", r.measure, r.operator, r.plain, r.ratio, r.target));
        out.println();
    }

    static String format(double value, String unit) {
        return (value >= 100 || value == Math.rint(value) ? String.format("%.0f", value) : String.format("%.2f", value))
                + (unit.isEmpty() ? "" : " " + unit);
    }
}
