package dev.heq.nn;

import java.util.Arrays;

/**
 * One operation of a {@link QuantModel} and the ids of the tensors it reads. Tensor 0 is the model input and node
 * {@code k} (0-based) produces tensor {@code k + 1}, so a graph listed in order is topologically sorted by
 * construction (every input id must be ≤ k).
 */
public record Node(Layer layer, int[] inputs) {
    public Node {
        if (layer == null) throw new ModelException("node without a layer");
        inputs = inputs.clone();
    }

    @Override
    public int[] inputs() { return inputs.clone(); }

    public int input(int i) { return inputs[i]; }

    public int arity() { return inputs.length; }

    @Override
    public boolean equals(Object o) { return o instanceof Node n && layer.equals(n.layer) && Arrays.equals(inputs, n.inputs); }

    @Override
    public int hashCode() { return layer.hashCode() * 31 + Arrays.hashCode(inputs); }
}
