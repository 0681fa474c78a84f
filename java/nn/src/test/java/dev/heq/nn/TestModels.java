package dev.heq.nn;

import java.util.SplittableRandom;

/** Public access to the random test graphs for tests in other packages. */
public final class TestModels {
    private TestModels() {}

    public static QuantModel randomGraph(SplittableRandom r) { return RandomModels.graph(r); }

    public static int[] randomInput(SplittableRandom r, QuantModel m) {
        return RandomModels.ints(r, m.inputShape().size(), m.inputType().min(), m.inputType().max());
    }
}
